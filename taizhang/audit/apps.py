from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "taizhang.audit"
    verbose_name = "审计日志"
