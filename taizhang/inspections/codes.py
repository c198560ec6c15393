"""The codes of the refusals inspections services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("inspections")
class InspectionCode(StrEnum):
    """An inspection's steps."""

    EARLY = "early"
    WRONG_STATE = "wrong_state"
