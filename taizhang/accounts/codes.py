"""Why an account service refuses (账号)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("accounts")
class AccountCode(StrEnum):
    DUTIES_APART = "duties_apart"  # 三员分立: administrators hold one duty and no business role
    USERNAME_TAKEN = "username_taken"  # another account already has this username
    USERNAME_REQUIRED = "username_required"
    USERNAME_TOO_LONG = "username_too_long"
    OUTSIDE_REGION = "outside_region"  # a unit, region or person beyond the administrator's region
    SELF_ACTION = "self_action"  # an administrator granting, resetting or disabling their own account
    WEAK_PASSWORD = "weak_password"  # refused by the password policy (AUTH_PASSWORD_VALIDATORS)
    UNIT_ROLES_HELD = "unit_roles_held"  # moving a liaison or head to another unit before revoking
    ALREADY_DONE = "already_done"  # disabling a disabled account, enabling an active one
    SETUP_INPUT = "setup_input"  # taizhang setup: a region or an account that does not fit the installation
    PASSWORD_CHANGE_REQUIRED = "password_change_required"  # an initial or reset password still in use
    # 个人设置: one's own profile, password and API tokens
    DISPLAY_NAME_REQUIRED = "display_name_required"
    DISPLAY_NAME_TOO_LONG = "display_name_too_long"
    EMAIL_INVALID = "email_invalid"
    MOBILE_INVALID = "mobile_invalid"
    WRONG_PASSWORD = "wrong_password"  # the current password given to change it is not the current one
    TOKEN_NAME_REQUIRED = "token_name_required"
    TOKEN_NAME_TOO_LONG = "token_name_too_long"
    TOKEN_TOO_LONG_LIVED = "token_too_long_lived"  # an expiry beyond TAIZHANG_API_TOKEN_MAX_DAYS
    TOKEN_FOR_ADMIN = "token_for_admin"  # 三员 do no business, so they call no API
    TOKEN_FOR_INACTIVE = "token_for_inactive"
    TOKEN_REVOKED = "token_revoked"  # revoked already
    # 双因素认证
    SECOND_FACTOR_REQUIRED = "second_factor_required"  # a role that must enrol a second factor has none yet
    CODE_WRONG = "code_wrong"  # a dynamic password or recovery code that is wrong or already used
    NO_SECOND_FACTOR = "no_second_factor"  # disabling, resetting or confirming what is not there
