"""The codes of the refusals of 问题线索来源 services (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("sources")
class SourceCode(StrEnum):
    """Petitions, opinion polls and turning them into findings, items and cases."""

    BAD_CHANNEL = "bad_channel"
    BAD_METHOD = "bad_method"
    BAD_TITLE = "bad_title"
    BAD_SAMPLE = "bad_sample"
    FUTURE = "future"
    NO_UNITS = "no_units"
    WRONG_UNITS = "wrong_units"
    WRONG_TASK = "wrong_task"
    NAMED_ANONYMOUS = "named_anonymous"
    UNIT_NOT_NAMED = "unit_not_named"
    WRONG_STATE = "wrong_state"
    ALREADY_CONVERTED = "already_converted"
    BAD_TARGET = "bad_target"

    # Free text (``clean_text`` with a field)
    CONTENT_REQUIRED = "content_required"
    CONTENT_TOO_LONG = "content_too_long"
    OUTCOME_REQUIRED = "outcome_required"
    OUTCOME_TOO_LONG = "outcome_too_long"
    FINDINGS_TEXT_REQUIRED = "findings_text_required"
    FINDINGS_TEXT_TOO_LONG = "findings_text_too_long"
