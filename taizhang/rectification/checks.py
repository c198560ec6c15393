"""The checks of a rectification item's state and text. Who acts on it is checked by ``accounts.checks``:
the office (惩防办管理员 covering the item's unit, ``require_office_admin_over_unit``) assigns, verifies
and closes; the unit's liaison or head (``require_acting_for_unit``) reports progress and applies for
close-out."""

from __future__ import annotations

from taizhang.rectification.models import RectificationItem
from taizhang.reports import checks
from taizhang.reports.checks import WorkflowError

MAX_TEXT = 5000


def check_state(item: RectificationItem, *allowed: str, doing: str, doing_en: str) -> None:
    if item.state not in allowed:
        raise WorkflowError(
            f"整改事项当前为“{item.get_state_display()}”，不能{doing}。",
            f"An item that is {item.state.replace('_', ' ')} cannot be {doing_en}.",
            code="wrong_state",
        )


def clean_text(text: str, *, field: str, required: bool, zh: str, en: str) -> str:
    """Stripped ``text`` of at most ``MAX_TEXT`` characters (``reports.checks.clean_text``)."""
    return checks.clean_text(text, zh=zh, en=en, limit=MAX_TEXT, field=field, required=required)
