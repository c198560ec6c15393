from django.apps import AppConfig


class LeadersConfig(AppConfig):
    name = "taizhang.leaders"
    verbose_name = "联系领导"
