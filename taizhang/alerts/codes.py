"""The codes of the refusals alerts services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("alerts")
class AlertCode(StrEnum):
    """Warnings, their explanations and admonition talks."""

    BAD_NAME = "bad_name"
    CLOSED = "closed"
    FUTURE = "future"
    NOT_REQUIRED = "not_required"
    WRONG_UNIT = "wrong_unit"

    # Free text (``clean_text`` with a field)
    EXPLANATION_REQUIRED = "explanation_required"
    EXPLANATION_TOO_LONG = "explanation_too_long"
    NOTES_REQUIRED = "notes_required"
    NOTES_TOO_LONG = "notes_too_long"
    REASON_REQUIRED = "reason_required"
    REASON_TOO_LONG = "reason_too_long"
