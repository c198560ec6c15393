from django.apps import AppConfig
from django.db.backends.signals import connection_created


class AuditConfig(AppConfig):
    name = "taizhang.audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from django.core.checks import Tags, register

        from taizhang.lib.keys import check_keys_configured

        # The keys protect the integrity seals and the audit's alarms: checked with the deployment.
        register(check_keys_configured, Tags.security, deploy=True)

        from taizhang.audit.gate import install_sqlite_gate

        connection_created.connect(install_sqlite_gate, dispatch_uid="taizhang_audit_gate")
