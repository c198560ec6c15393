from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "taizhang.accounts"
    verbose_name = "用户与权限"

    def ready(self) -> None:
        from django.core.checks import register

        from taizhang.accounts import idle, password_age, signin_audit
        from taizhang.accounts.placement import place
        from taizhang.accounts.second_factor.factors import check_second_factors
        from taizhang.audit.placement import register_placer

        register_placer(place)
        signin_audit.connect()
        idle.connect()
        password_age.connect()
        register(check_second_factors)
