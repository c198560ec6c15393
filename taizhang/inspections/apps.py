from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "taizhang.inspections"
    verbose_name = "督办检查"
