"""The codes of the refusals 联系领导 services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("leaders")
class LeaderCode(StrEnum):
    """A leader's links."""

    NOT_A_LEADER = "not_a_leader"
    BAD_QUOTA = "bad_quota"
    OUT_OF_REGION = "out_of_region"
