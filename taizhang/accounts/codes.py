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
