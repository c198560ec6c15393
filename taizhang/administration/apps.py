from django.apps import AppConfig


class AdministrationConfig(AppConfig):
    name = "taizhang.administration"
    verbose_name = "系统管理"
