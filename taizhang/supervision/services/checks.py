"""The rules the supervision services check before they write: who acts for the office of an order's
region, who acts for a unit, and the states an order and a reply must be in.

Refusals, as for reports: a wrong role raises ``PermissionDenied`` (bilingual); a wrong state or a refused
value raises ``reports.checks.WorkflowError`` (a ``ValidationError`` with ``.zh``, ``.en`` and ``.code``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope
from taizhang.reports.checks import WorkflowError
from taizhang.supervision.models import (
    REPLY_EDITABLE_STATES,
    OrderRecipient,
    RecipientState,
    SupervisionOrder,
)

MAX_TEXT = 10_000
MAX_REASON = 2000


def require_office(actor: User, region_id: int, *, doing: str, doing_en: str) -> None:
    """PermissionDenied unless ``actor`` is an office admin (惩防办管理员) covering the region."""
    if region_id not in region_ids_in_scope(actor, Role.OFFICE_ADMIN):
        raise PermissionDenied(f"只有惩防办可以{doing}。 / Only the office may {doing_en}.")


def require_unit(actor: User, unit_id: int, *, doing: str, doing_en: str) -> None:
    """PermissionDenied unless ``actor`` is the unit's liaison or unit head."""
    if unit_id not in unit_ids_in_scope(actor, *UNIT_ROLES):
        raise PermissionDenied(
            f"只有本单位联络员或负责人可以{doing}。 / Only the unit's liaison or head may {doing_en}."
        )


def check_order_state(order: SupervisionOrder, *allowed: str, doing: str, doing_en: str) -> None:
    if order.state not in allowed:
        raise WorkflowError(
            f"督办单当前为“{order.get_state_display()}”，不能{doing}。",
            f"An order that is {SupervisionOrder.State(order.state).name.lower()} cannot be {doing_en}.",
            code="wrong_state",
        )


def check_replyable(recipient: OrderRecipient) -> None:
    """A unit writes its reply (text and files) to an issued order while it is pending, returned or overdue;
    an order already closed, and a reply replied or accepted, are locked."""
    order = recipient.order
    if order.state == SupervisionOrder.State.CLOSED:
        raise WorkflowError(
            "督办单已办结，不能再回复或上传材料。",
            "The order is closed; no more replies or files are taken.",
            code="order_closed",
        )
    check_order_state(order, SupervisionOrder.State.ISSUED, doing="回复", doing_en="replied to")
    if recipient.state not in REPLY_EDITABLE_STATES:
        raise WorkflowError(
            f"本单位的办理情况当前为“{recipient.get_state_display()}”，不能再修改。",
            f"This unit's reply is {RecipientState(recipient.state).name.lower()} and cannot be changed.",
            code="reply_locked",
        )


def check_recipient_state(recipient: OrderRecipient, *allowed: str, doing: str, doing_en: str) -> None:
    if recipient.state not in allowed:
        raise WorkflowError(
            f"办理情况当前为“{recipient.get_state_display()}”，不能{doing}。",
            f"A reply that is {RecipientState(recipient.state).name.lower()} cannot be {doing_en}.",
            code="wrong_state",
        )


def clean_text(text: str, *, limit: int, what: str, what_en: str) -> str:
    text = (text or "").strip()
    if not text:
        raise WorkflowError(f"请填写{what}。", f"Write the {what_en}.", code="required")
    if len(text) > limit:
        raise WorkflowError(f"{what}不超过 {limit} 字。", f"The {what_en} is too long.", code="too_long")
    return text
