"""The close-out (销号) of a rectification item: the unit applies with evidence (申请销号), the office
verifies and closes it (已销号) or refuses with a reason, which sends it back to 整改中.

Each step is one versioned save of the item (``expected_version`` is the version the person saw), one kept
``RectificationStep`` and one audit entry, in one transaction: a refused step leaves nothing behind — no
file row, no step, no state change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from taizhang.accounts.checks import require_acting_for_unit, require_office_admin_over_unit
from taizhang.accounts.models import User
from taizhang.audit.workflow import step_move
from taizhang.files.checks import upload_check_all
from taizhang.files.services import attach
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.rectification.checks import MAX_TEXT, check_state
from taizhang.rectification.codes import RectificationCode
from taizhang.rectification.handovers import rectification_handover
from taizhang.rectification.models import RectificationFile, RectificationItem, RectificationStep, RectState
from taizhang.rectification.services import PROGRESS_STATES


def _move(
    item: RectificationItem,
    *,
    actor: User,
    verb: str,
    to_state: RectState,
    expected_version: int,
    reason: str = "",
    **changes: Any,
) -> RectificationItem:
    with transaction.atomic():
        step_move(
            item,
            trail=RectificationStep,
            to_state=to_state,
            actor=actor,
            action=f"rectification.{verb}",
            expected_version=expected_version,
            reason=reason,
            **changes,
        )
        rectification_handover(item, verb=verb, reason=reason)  # the next person told, in this transaction
    return item


def rectification_request_closeout(
    *,
    actor: User,
    item: RectificationItem,
    note: str,
    files: Sequence[UploadedFile],
    expected_version: int,
) -> RectificationItem:
    """申请销号: the unit's liaison or head applies, stating what was done (``note``, kept on the step)
    with at least one evidence file. Refused without a file, and then nothing is saved."""
    require_acting_for_unit(
        actor, item.unit_id, doing="申请销号", doing_en="apply for close-out", unit_zh="整改单位的"
    )
    check_state(item, *PROGRESS_STATES, doing="申请销号", doing_en="put forward for close-out")
    note = clean_text(note, zh="销号说明", en="The note", limit=MAX_TEXT, field="note", required=False)
    if not files:
        raise Refusal(
            RectificationCode.EVIDENCE_REQUIRED,
            "申请销号须上传至少一个佐证材料。",
            "A close-out application needs at least one evidence file.",
        )
    checked = upload_check_all(files)
    with transaction.atomic():
        _move(
            item,
            actor=actor,
            verb="request_closeout",
            to_state=RectState.CLOSEOUT_REQUESTED,
            expected_version=expected_version,
            reason=note,
        )
        for upload in checked:
            attach(RectificationFile, upload=upload, actor=actor, item=item)
    return item


def rectification_close(
    *, actor: User, item: RectificationItem, verification_note: str, expected_version: int
) -> RectificationItem:
    """销号: the office has verified the application and closes the item, stating what it checked."""
    require_office_admin_over_unit(actor, item.unit_id, doing="销号", doing_en="close items")
    check_state(item, RectState.CLOSEOUT_REQUESTED, doing="销号", doing_en="closed")
    note = clean_text(
        verification_note,
        zh="核查意见",
        en="A note",
        limit=MAX_TEXT,
        field="verification_note",
        required=True,
    )
    with transaction.atomic():
        return _move(
            item,
            actor=actor,
            verb="close",
            to_state=RectState.CLOSED,
            expected_version=expected_version,
            verification_note=note,
            closed_at=timezone.now(),
            closed_by_id=actor.pk,
        )


def rectification_refuse(
    *, actor: User, item: RectificationItem, reason: str, expected_version: int
) -> RectificationItem:
    """不予销号: the office sends the application back with a reason; the item is 整改中 again and the unit
    applies anew with new evidence."""
    require_office_admin_over_unit(actor, item.unit_id, doing="退回销号申请", doing_en="refuse close-out")
    check_state(item, RectState.CLOSEOUT_REQUESTED, doing="退回", doing_en="refused")
    reason = clean_text(reason, zh="退回理由", en="A reason", limit=MAX_TEXT, field="reason", required=True)
    with transaction.atomic():
        return _move(
            item,
            actor=actor,
            verb="refuse",
            to_state=RectState.IN_PROGRESS,
            expected_version=expected_version,
            reason=reason,
        )


def rectification_reopen(*, actor: User, item: RectificationItem, reason: str) -> RectificationItem:
    """反弹重开: a 回头看 found the problem of a closed item back; the item is 整改中 again, its close-out
    (销号人、时间) cleared so it no longer counts as closed, the reason kept on the step and the unit told.
    Called by ``rectification.lookback.lookback_recheck`` inside its transaction."""
    require_office_admin_over_unit(actor, item.unit_id, doing="反弹重开", doing_en="reopen items")
    check_state(item, RectState.CLOSED, doing="反弹重开", doing_en="reopened")
    reason = clean_text(reason, zh="复查情况", en="A note", limit=MAX_TEXT, field="reason", required=True)
    return _move(
        item,
        actor=actor,
        verb="reopen",
        to_state=RectState.IN_PROGRESS,
        expected_version=item.version,
        reason=reason,
        closed_at=None,
        closed_by_id=None,
    )
