"""Every write of supervision (督办): orders and replies, reasons for lines not started or overdue, key
regulations. Inspections and findings are their own app (``taizhang.inspections``)."""

from taizhang.supervision.services.explanations import explanation_give, explanation_record
from taizhang.supervision.services.keyregs import key_regulation_set
from taizhang.supervision.services.orders import order_close, order_create, order_issue, order_mark_overdue
from taizhang.supervision.services.replies import order_accept, order_evidence_add, order_reply, order_return

__all__ = [
    "explanation_give",
    "explanation_record",
    "key_regulation_set",
    "order_accept",
    "order_close",
    "order_create",
    "order_evidence_add",
    "order_issue",
    "order_mark_overdue",
    "order_reply",
    "order_return",
]
