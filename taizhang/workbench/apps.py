from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    name = "taizhang.workbench"
    verbose_name = "工作台"
