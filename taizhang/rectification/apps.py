from django.apps import AppConfig


class RectificationConfig(AppConfig):
    name = "taizhang.rectification"
    verbose_name = "反馈整改"
