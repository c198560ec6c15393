"""The codes of the refusals inspections services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("inspections")
class InspectionCode(StrEnum):
    """An inspection's steps."""

    EARLY = "early"
    WRONG_STATE = "wrong_state"
    # 风险点
    POST_REQUIRED = "post_required"
    POST_TOO_LONG = "post_too_long"
    DESCRIPTION_REQUIRED = "description_required"
    DESCRIPTION_TOO_LONG = "description_too_long"
    MEASURES_REQUIRED = "measures_required"
    MEASURES_TOO_LONG = "measures_too_long"
    REASON_REQUIRED = "reason_required"
    REASON_TOO_LONG = "reason_too_long"
    BAD_LEVEL = "bad_level"
    ALREADY_DECIDED = "already_decided"
    NOT_UNIT_HEAD = "not_unit_head"
    RISK_POINTS_OUTSIDE = "risk_points_outside"
