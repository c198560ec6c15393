from django.apps import AppConfig


class AccountabilityConfig(AppConfig):
    name = "taizhang.accountability"
    verbose_name = "问责"
