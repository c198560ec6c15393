"""Routes of 个人设置 (the signed-in person's own settings, ``lib.access.SIGNED_IN_ROUTES``), of 找回密码 by
e-mail (public, ``lib.access.PUBLIC_ROUTES``) and of the header's language switch (public)."""

from django.urls import path

from taizhang.administration.views import password_reset, profile, second_factor

urlpatterns = [
    path("account/", profile.profile, name="profile"),
    path("account/password/", profile.password_change_view, name="password_change"),
    path("account/second-factor/", second_factor.second_factor, name="second_factor"),
    path(
        "account/second-factor/disable/",
        second_factor.second_factor_disable_view,
        name="second_factor_disable",
    ),
    path(
        "account/second-factor/recovery-codes/",
        second_factor.recovery_codes_regenerate_view,
        name="recovery_codes_regenerate",
    ),
    path("account/tokens/", profile.api_token_create_view, name="api_token_create"),
    path("account/tokens/<int:api_token_id>/revoke/", profile.api_token_revoke_view, name="api_token_revoke"),
    path("account/password/reset/", password_reset.PasswordResetView.as_view(), name="password_reset"),
    path(
        "account/password/reset/<uidb64>/<token>/",
        password_reset.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("i18n/setlang/", profile.set_language, name="set_language"),
]
