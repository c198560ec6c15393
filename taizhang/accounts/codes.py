"""Why an account service refuses (账号)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("accounts")
class AccountCode(StrEnum):
    DUTIES_APART = "duties_apart"  # 三员分立: administrators hold one duty and no business role
