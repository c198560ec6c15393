from django.apps import AppConfig


class InstructionsConfig(AppConfig):
    name = "taizhang.instructions"
    verbose_name = "领导批示"
