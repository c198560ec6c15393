"""The codes of the refusals 联系会议 services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("meetings")
class MeetingCode(StrEnum):
    """Meetings and their decisions."""

    TITLE_REQUIRED = "title_required"
    TITLE_TOO_LONG = "title_too_long"
    PLACE_REQUIRED = "place_required"
    PLACE_TOO_LONG = "place_too_long"
    PARTICIPANTS_REQUIRED = "participants_required"
    PARTICIPANTS_TOO_LONG = "participants_too_long"
    MINUTES_REQUIRED = "minutes_required"
    MINUTES_TOO_LONG = "minutes_too_long"
    DECISION_REQUIRED = "decision_required"
    DECISION_TOO_LONG = "decision_too_long"
    FUTURE_DATE = "future_date"
    UNIT_OUT_OF_SCOPE = "unit_out_of_scope"
    ALREADY_TURNED = "already_turned"
