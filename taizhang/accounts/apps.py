from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "taizhang.accounts"
    verbose_name = "用户与权限"

    def ready(self) -> None:
        from taizhang.accounts import signin_audit
        from taizhang.accounts.placement import user_place
        from taizhang.audit.placement import register_placer

        register_placer(user_place)
        signin_audit.connect()
