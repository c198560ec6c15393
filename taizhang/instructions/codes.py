"""The codes of the refusals instructions and follows give (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("instructions")
class InstructionCode(StrEnum):
    """Writing and answering an instruction; following an item."""

    NOT_REACHABLE = "not_reachable"  # the item is not yet seen by its units (a draft order, a covert finding)
    NO_UNITS = "no_units"
    UNIT_NOT_OF_TARGET = "unit_not_of_target"
    DUE_IN_PAST = "due_in_past"
    ALREADY_REPLIED = "already_replied"
    ALREADY_FOLLOWED = "already_followed"
