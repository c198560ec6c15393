"""Why an administration operation refuses (管理)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("administration")
class AdminCode(StrEnum):
    ONBOARDING = "onboarding"  # an 通讯录 with problems: every one listed with its row, nothing imported
