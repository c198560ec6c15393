"""Writes for one unit's part in a 督办单 (``OrderRecipient``): the unit replies, with files; the office
accepts the reply (已采纳) or returns it with a reason, and the unit replies again.

Every step is one versioned save, one kept ``OrderStep`` and one audit entry, in one transaction. Wrong role
→ ``PermissionDenied``; wrong state (a closed order, an accepted reply), missing text or reason →
``Refusal``; a step taken from an outdated page → ``StaleEdit``. Nothing is saved on a refusal.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from taizhang.accounts.checks import require_acting_for_unit, require_office_admin_of
from taizhang.accounts.models import User
from taizhang.audit.workflow import step_move
from taizhang.files.checks import upload_check
from taizhang.files.services import attach
from taizhang.lib.refusal import clean_text
from taizhang.supervision.handovers import order_reply_handover
from taizhang.supervision.models import (
    OrderRecipient,
    OrderReplyFile,
    OrderStep,
    RecipientState,
    SupervisionOrder,
)
from taizhang.supervision.services.checks import (
    MAX_REASON,
    MAX_TEXT,
    check_order_state,
    check_recipient_state,
    check_replyable,
)


def _move(
    recipient: OrderRecipient,
    *,
    actor: User,
    verb: str,
    to_state: RecipientState,
    expected_version: int,
    reason: str = "",
    **changes: Any,
) -> OrderRecipient:
    with transaction.atomic():
        step_move(
            recipient,
            trail=OrderStep,
            to_state=to_state,
            actor=actor,
            action=f"order.{verb}",
            expected_version=expected_version,
            reason=reason,
            **changes,
        )
        order_reply_handover(recipient, verb=verb, reason=reason)  # the next person told, in this transaction
    return recipient


def order_reply(
    *, actor: User, recipient: OrderRecipient, text: str, expected_version: int
) -> OrderRecipient:
    """回复: the unit's liaison or head sends what it has done (办理情况), on time or late (逾期 → 已回复),
    or again after a return. Refused once the order is closed or the reply accepted."""
    require_acting_for_unit(actor, recipient.unit_id, doing="回复督办单", doing_en="reply to orders")
    check_replyable(recipient)
    text = clean_text(text, zh="办理情况", en="The reply", limit=MAX_TEXT)
    return _move(
        recipient,
        actor=actor,
        verb="reply",
        to_state=RecipientState.REPLIED,
        expected_version=expected_version,
        reply_text=text,
        replied_at=timezone.now(),
        replied_by_id=actor.pk,
    )


def order_accept(*, actor: User, recipient: OrderRecipient, expected_version: int) -> OrderRecipient:
    """采纳: the office of the order's region accepts a unit's reply."""
    order = recipient.order
    require_office_admin_of(actor, order.region_id, doing="采纳回复", doing_en="accept replies")
    check_order_state(order, SupervisionOrder.State.ISSUED, doing="采纳回复", doing_en="decided on")
    check_recipient_state(recipient, RecipientState.REPLIED, doing="采纳", doing_en="accepted")
    return _move(
        recipient,
        actor=actor,
        verb="accept",
        to_state=RecipientState.ACCEPTED,
        expected_version=expected_version,
        accepted_at=timezone.now(),
    )


def order_return(
    *, actor: User, recipient: OrderRecipient, reason: str, expected_version: int
) -> OrderRecipient:
    """退回: the office sends a reply back with a reason; the unit replies again."""
    order = recipient.order
    require_office_admin_of(actor, order.region_id, doing="退回回复", doing_en="return replies")
    check_order_state(order, SupervisionOrder.State.ISSUED, doing="退回回复", doing_en="decided on")
    check_recipient_state(recipient, RecipientState.REPLIED, doing="退回", doing_en="returned")
    reason = clean_text(reason, zh="退回理由", en="The reason for the return", limit=MAX_REASON)
    return _move(
        recipient,
        actor=actor,
        verb="return",
        to_state=RecipientState.RETURNED,
        expected_version=expected_version,
        reason=reason,
        return_reason=reason,
    )


def order_evidence_add(*, recipient: OrderRecipient, upload: UploadedFile, actor: User) -> OrderReplyFile:
    """Attach a file to a unit's reply while the unit may still write it (pending, returned, overdue; the
    order issued). Type and size: ``files.checks.upload_check``."""
    require_acting_for_unit(actor, recipient.unit_id, doing="上传佐证材料", doing_en="add evidence")
    check_replyable(recipient)
    checked = upload_check(upload)
    with transaction.atomic():
        # Check again under the row lock: the reply may have been sent or the order closed meanwhile.
        locked = (
            OrderRecipient.objects.select_for_update(of=("self",))
            .select_related("order")
            .get(pk=recipient.pk)
        )
        check_replyable(locked)
        return attach(OrderReplyFile, upload=checked, actor=actor, recipient=recipient)
