from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "taizhang.jobs"
    verbose_name = "定时任务"
