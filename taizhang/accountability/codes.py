"""The codes of the refusals accountability services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("accountability")
class AccountabilityCode(StrEnum):
    """Accountability cases and their decisions."""

    BAD_MEASURE = "bad_measure"
    BAD_TARGET = "bad_target"
    BAD_TITLE = "bad_title"
    FUTURE = "future"
    NO_FILES = "no_files"
    PERSON_REQUIRED = "person_required"
    TOO_EARLY = "too_early"
    TOO_LONG = "too_long"
    WRONG_GROUNDS = "wrong_grounds"
    WRONG_STATE = "wrong_state"

    # Free text (``clean_text`` with a field)
    COMPLAINTS_REQUIRED = "complaints_required"
    COMPLAINTS_TOO_LONG = "complaints_too_long"
    MEASURE_DETAIL_REQUIRED = "measure_detail_required"
    MEASURE_DETAIL_TOO_LONG = "measure_detail_too_long"
    SURVEYS_REQUIRED = "surveys_required"
    SURVEYS_TOO_LONG = "surveys_too_long"
