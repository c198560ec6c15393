from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "taizhang.audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from django.core.checks import Tags, register

        from taizhang.lib.keys import check_keys_configured

        # The keys protect the integrity seals and the audit's alarms: checked with the deployment.
        register(check_keys_configured, Tags.security, deploy=True)
