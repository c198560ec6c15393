from django.apps import AppConfig


class AppraisalsConfig(AppConfig):
    name = "taizhang.appraisals"
    verbose_name = "民主测评"
