from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "taizhang.supervision"
    verbose_name = "督办"
