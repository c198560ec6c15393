"""Who acts on a rectification item: the office (惩防办管理员 covering the item's unit) assigns, verifies
and closes; the unit's liaison or head reports progress and applies for close-out."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.lib import refusal
from taizhang.lib.refusal import Refusal
from taizhang.rectification.codes import RectificationCode
from taizhang.rectification.models import RectificationItem

MAX_TEXT = 5000


def require_office(actor: User, unit_id: int, *, doing: str, doing_en: str) -> None:
    if unit_id not in unit_ids_in_scope(actor, Role.OFFICE_ADMIN):
        raise PermissionDenied(f"只有惩防办可以{doing}。 / Only the office may {doing_en}.")


def require_unit(actor: User, unit_id: int, *, doing: str, doing_en: str) -> None:
    if unit_id not in unit_ids_in_scope(actor, *UNIT_ROLES):
        raise PermissionDenied(
            f"只有整改单位的联络员或负责人可以{doing}。 / Only the unit's liaison or head may {doing_en}."
        )


def check_state(item: RectificationItem, *allowed: str, doing: str, doing_en: str) -> None:
    if item.state not in allowed:
        raise Refusal(
            RectificationCode.WRONG_STATE,
            f"整改事项当前为“{item.get_state_display()}”，不能{doing}。",
            f"An item that is {item.state.replace('_', ' ')} cannot be {doing_en}.",
        )


def clean_text(text: str, *, field: str, required: bool, zh: str, en: str) -> str:
    """Stripped ``text`` of at most ``MAX_TEXT`` characters (``lib.refusal.clean_text``)."""
    return refusal.clean_text(text, zh=zh, en=en, limit=MAX_TEXT, field=field, required=required)
