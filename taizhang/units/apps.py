from django.apps import AppConfig


class UnitsConfig(AppConfig):
    name = "taizhang.units"
    verbose_name = "单位"
