"""The rules the supervision services check before they write: the states an order and a reply must be in,
and the texts they take (who may act is ``accounts.checks``).

Refusals, as for reports: a wrong role raises ``PermissionDenied`` (bilingual); a wrong state or a refused
value raises a ``Refusal`` with a ``SupervisionCode`` (``.zh``, ``.en`` and ``.code``).
"""

from __future__ import annotations

from taizhang.lib.refusal import Refusal
from taizhang.supervision.codes import SupervisionCode
from taizhang.supervision.models import (
    REPLY_EDITABLE_STATES,
    OrderRecipient,
    RecipientState,
    SupervisionOrder,
)

MAX_TEXT = 10_000
MAX_REASON = 2000


def check_order_state(order: SupervisionOrder, *allowed: str, doing: str, doing_en: str) -> None:
    if order.state not in allowed:
        raise Refusal(
            SupervisionCode.WRONG_STATE,
            f"督办单当前为“{order.get_state_display()}”，不能{doing}。",
            f"An order that is {SupervisionOrder.State(order.state).name.lower()} cannot be {doing_en}.",
        )


def check_replyable(recipient: OrderRecipient) -> None:
    """A unit writes its reply (text and files) to an issued order while it is pending, returned or overdue;
    an order already closed, and a reply replied or accepted, are locked."""
    order = recipient.order
    if order.state == SupervisionOrder.State.CLOSED:
        raise Refusal(
            SupervisionCode.ORDER_CLOSED,
            "督办单已办结，不能再回复或上传材料。",
            "The order is closed; no more replies or files are taken.",
        )
    check_order_state(order, SupervisionOrder.State.ISSUED, doing="回复", doing_en="replied to")
    if recipient.state not in REPLY_EDITABLE_STATES:
        raise Refusal(
            SupervisionCode.REPLY_LOCKED,
            f"本单位的办理情况当前为“{recipient.get_state_display()}”，不能再修改。",
            f"This unit's reply is {RecipientState(recipient.state).name.lower()} and cannot be changed.",
        )


def check_recipient_state(recipient: OrderRecipient, *allowed: str, doing: str, doing_en: str) -> None:
    if recipient.state not in allowed:
        raise Refusal(
            SupervisionCode.WRONG_STATE,
            f"办理情况当前为“{recipient.get_state_display()}”，不能{doing}。",
            f"A reply that is {RecipientState(recipient.state).name.lower()} cannot be {doing_en}.",
        )
