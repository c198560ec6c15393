from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "taizhang.sources"
    verbose_name = "问题线索来源"
