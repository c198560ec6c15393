from django.apps import AppConfig


class RegulationsConfig(AppConfig):
    name = "taizhang.regulations"
    verbose_name = "制度"
