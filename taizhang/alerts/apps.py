from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "taizhang.alerts"
    verbose_name = "预警"
