"""The codes of the refusals ledger services raise (``taizhang.lib.refusal``)."""

from enum import StrEnum

from taizhang.lib.refusal import register_codes


@register_codes("ledger")
class LedgerCode(StrEnum):
    """配合评价 (``ledger.services.cooperation``)."""

    NOT_COOPERATING = "not_cooperating"
    BAD_RATING = "bad_rating"
    NOTE_REQUIRED = "note_required"
    NOTE_TOO_LONG = "note_too_long"
