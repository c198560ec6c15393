from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    name = "taizhang.background"
    verbose_name = "后台任务"
