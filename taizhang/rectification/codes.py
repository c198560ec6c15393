"""The codes of the refusals rectification services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("rectification")
class RectificationCode(StrEnum):
    """Rectification items and their steps."""

    ALREADY_ASSIGNED = "already_assigned"
    EVIDENCE_REQUIRED = "evidence_required"
    NOT_PUBLISHED = "not_published"
    WRONG_STATE = "wrong_state"

    # Free text (``clean_text`` with a field)
    MEASURES_REQUIRED = "measures_required"
    MEASURES_TOO_LONG = "measures_too_long"
    NOTE_REQUIRED = "note_required"
    NOTE_TOO_LONG = "note_too_long"
    REASON_REQUIRED = "reason_required"
    REASON_TOO_LONG = "reason_too_long"
    TEXT_REQUIRED = "text_required"
    TEXT_TOO_LONG = "text_too_long"
    VERIFICATION_NOTE_REQUIRED = "verification_note_required"
    VERIFICATION_NOTE_TOO_LONG = "verification_note_too_long"

    # 回头看 (rectification.lookback)
    LOOKBACK_EMPTY = "lookback_empty"
    LOOKBACK_BAD_SAMPLE = "lookback_bad_sample"
    LOOKBACK_NOT_A_CANDIDATE = "lookback_not_a_candidate"
    LOOKBACK_ALREADY_CHECKED = "lookback_already_checked"
    LOOKBACK_BAD_DATE = "lookback_bad_date"
    TITLE_REQUIRED = "title_required"
    TITLE_TOO_LONG = "title_too_long"
