from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "taizhang.plans"
    verbose_name = "工作方案"
