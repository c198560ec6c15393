"""The checks of a rectification item's state and text. Who acts on it is checked by ``accounts.checks``:
the office (惩防办管理员 covering the item's unit, ``require_office_admin_over_unit``) assigns, verifies
and closes; the unit's liaison or head (``require_acting_for_unit``) reports progress and applies for
close-out."""

from __future__ import annotations

from taizhang.lib.refusal import Refusal
from taizhang.rectification.codes import RectificationCode
from taizhang.rectification.models import RectificationItem

MAX_TEXT = 5000


def check_state(item: RectificationItem, *allowed: str, doing: str, doing_en: str) -> None:
    if item.state not in allowed:
        raise Refusal(
            RectificationCode.WRONG_STATE,
            f"整改事项当前为“{item.get_state_display()}”，不能{doing}。",
            f"An item that is {item.state.replace('_', ' ')} cannot be {doing_en}.",
        )
