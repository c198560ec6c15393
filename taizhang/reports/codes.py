"""The codes of the refusals reports services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("reports")
class ReportCode(StrEnum):
    """A report's steps: its state, its deadline, its period."""

    BAD_PERIOD = "bad_period"
    BATCH_EMPTY = "batch_empty"
    BATCH_REFUSED = "batch_refused"
    BATCH_TOO_LARGE = "batch_too_large"
    CHASED_TODAY = "chased_today"
    EMPTY = "empty"
    FUTURE_PERIOD = "future_period"
    LATE_REFUSED = "late_refused"
    LOCKED = "locked"
    NOTE_REQUIRED = "note_required"
    NOTE_TOO_LONG = "note_too_long"
    PLAN_CLOSED = "plan_closed"
    REASON_REQUIRED = "reason_required"
    REASON_TOO_LONG = "reason_too_long"
    WRONG_STATE = "wrong_state"
