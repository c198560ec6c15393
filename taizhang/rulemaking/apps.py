from django.apps import AppConfig


class RulemakingConfig(AppConfig):
    name = "taizhang.rulemaking"
    verbose_name = "制度建设"
