from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "taizhang.assessment"
    verbose_name = "考核"
