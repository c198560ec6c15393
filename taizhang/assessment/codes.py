"""The codes of the refusals assessment services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("assessment")
class AssessmentCode(StrEnum):
    """Standards, indicators, assessments and their scores."""

    BAD_METHOD = "bad_method"
    BAD_PARAMS = "bad_params"
    BAD_PARENT = "bad_parent"
    BAD_PLAN = "bad_plan"
    BAD_SCORE = "bad_score"
    BAD_TREE = "bad_tree"
    BAD_UNITS = "bad_units"
    BAD_VERSION = "bad_version"
    BAD_YEAR = "bad_year"
    CODE_NAME = "code_name"
    CODE_TAKEN = "code_taken"
    DRAFT_EXISTS = "draft_exists"
    HAS_CHILDREN = "has_children"
    INCOMPLETE = "incomplete"
    METRIC = "metric"
    NAME_BLANK = "name_blank"
    NAME_TAKEN = "name_taken"
    NOT_COMPUTED = "not_computed"
    NOT_MANUAL = "not_manual"
    NOT_PUBLISHED = "not_published"
    OUT_OF_RANGE = "out_of_range"
    OWN_SUBMISSION = "own_submission"
    REASON_REQUIRED = "reason_required"
    REASON_TOO_LONG = "reason_too_long"
    RELEASED = "released"
    SUBMITTED = "submitted"
    TITLE_BLANK = "title_blank"
    TITLE_TAKEN = "title_taken"
    UNSCORED = "unscored"
    WRONG_STATE = "wrong_state"

    # An indicator's number out of range (``bad_<field>``)
    BAD_MAX_POINTS = "bad_max_points"
    BAD_WEIGHT = "bad_weight"
