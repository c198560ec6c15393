"""The codes of the refusals 民主测评 services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("appraisals")
class AppraisalCode(StrEnum):
    """Surveys, rater codes and ballots."""

    BAD_TITLE = "bad_title"
    BAD_YEAR = "bad_year"
    BAD_SCALE = "bad_scale"
    BAD_QUOTA = "bad_quota"
    NO_UNITS = "no_units"
    WRONG_UNITS = "wrong_units"
    BAD_COUNT = "bad_count"
    WRONG_STATE = "wrong_state"
    NO_CODES = "no_codes"
    BAD_CODE = "bad_code"
    USED_CODE = "used_code"
    THROTTLED = "throttled"
    INCOMPLETE = "incomplete"
    BAD_GRADE = "bad_grade"
    OVER_QUOTA = "over_quota"
