from django.apps import AppConfig


class CircularsConfig(AppConfig):
    name = "taizhang.circulars"
    verbose_name = "通报"
