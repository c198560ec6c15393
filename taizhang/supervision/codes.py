"""The codes of the refusals supervision services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("supervision")
class SupervisionCode(StrEnum):
    """Supervision orders, replies, explanations and key regulations."""

    BAD_PRIORITY = "bad_priority"
    BAD_YEAR = "bad_year"
    DEADLINE_PAST = "deadline_past"
    KEY_REGULATION_COUNT = "key_regulation_count"
    NO_SUBJECT = "no_subject"
    NO_UNITS = "no_units"
    NOT_IN_REGISTER = "not_in_register"
    NOTHING_TO_EXPLAIN = "nothing_to_explain"
    ORDER_CLOSED = "order_closed"
    PLAN_CLOSED = "plan_closed"
    REPLIES_OPEN = "replies_open"
    REPLY_LOCKED = "reply_locked"
    TASK_OUT_OF_SCOPE = "task_out_of_scope"
    TOO_LONG = "too_long"
    UNIT_OUT_OF_SCOPE = "unit_out_of_scope"
    WRONG_STATE = "wrong_state"
