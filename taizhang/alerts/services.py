"""Writes on warnings (预警): the unit explains (责令说明原因), the office records an admonition talk
(谈话提醒) or closes a warning by decision; ``alerts_refresh`` (in ``alerts.refresh``) raises, updates and
clears them from the data.

Every service: keyword-only arguments, checks first, one transaction with its audit entry. Wrong role →
``PermissionDenied``; a rule broken → ``Refusal`` (in the reader's language); a stale version → ``StaleEdit``.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from taizhang.accounts.checks import require_acting_for_unit, require_office_admin_of
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.alerts.codes import AlertCode
from taizhang.alerts.models import AdmonitionTalk, Alert
from taizhang.alerts.refresh import alerts_refresh
from taizhang.alerts.specs import requires_at_least
from taizhang.audit.services import audit_record, snapshot
from taizhang.ledger.models import Assignment
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.supervision.models import AssignmentExplanation
from taizhang.supervision.review3 import line_situation
from taizhang.supervision.services import explanation_record
from taizhang.units.models import Unit

Situation = AssignmentExplanation.Situation

__all__ = ["alert_close", "alert_explain", "alerts_refresh", "talk_record"]


def _require_open(alert: Alert, *, doing: str, doing_en: str) -> None:
    if alert.state != Alert.State.OPEN:
        raise Refusal(
            AlertCode.CLOSED,
            f"该预警已解除，不能{doing}。",
            f"The warning is closed; it cannot be {doing_en}.",
        )


def alert_explain(*, actor: User, alert: Alert, explanation: str, expected_version: int) -> Alert:
    """责令说明原因: the unit's liaison or head answers an open warning whose requirement is to explain or
    stronger (谈话提醒, 问责). A later answer replaces the earlier one; the audit keeps both.

    A warning on a ledger line is answered in the line's one store (``supervision.explanation_record``:
    one explanation per line and period), so the 问原因 list shows the same answer and does not ask again;
    the warning keeps its own fields only when it is on no line (an order, a rectification item)."""
    require_acting_for_unit(actor, alert.unit_id, doing="说明原因", doing_en="explain")
    _require_open(alert, doing="说明原因", doing_en="explained")
    if not requires_at_least(alert.required, "explain"):
        raise Refusal(
            AlertCode.NOT_REQUIRED, "该预警无需说明原因。", "This warning does not ask for an explanation."
        )
    text = clean_text(explanation, field="explanation", required=True, zh="原因说明", en="The explanation")
    now = timezone.now()
    with transaction.atomic():
        locked = Alert.objects.select_for_update().get(pk=alert.pk)
        _require_open(locked, doing="说明原因", doing_en="explained")
        if alert.assignment_id is not None:
            save_versioned(alert, expected_version=expected_version)  # the page was not stale
            line = Assignment.objects.select_related("task__plan").get(pk=alert.assignment_id)
            situation = line_situation(line, today=timezone.localdate()) or Situation.WARNING
            explanation_record(actor=actor, assignment=line, reason=text, situation=situation)
            return alert
        before = snapshot(locked, fields=["explanation", "explained_at", "explained_by"])
        save_versioned(
            alert, expected_version=expected_version, explanation=text, explained_at=now, explained_by=actor
        )
        after = {"explanation": text, "explained_at": now, "explained_by_id": actor.pk}
        audit_record(actor=actor, action="alert.explain", obj=alert, before=before, after=after)
    return alert


def alert_close(*, actor: User, alert: Alert, reason: str, expected_version: int) -> Alert:
    """惩防办决定解除: the office of the warning's region closes it with a reason, though the data still
    raises it; the rules do not raise it again for the same situation unless it gets worse."""
    require_office_admin_of(actor, alert.region_id, doing="解除预警", doing_en="close warnings")
    _require_open(alert, doing="解除", doing_en="closed")
    reason = clean_text(reason, field="reason", required=True, zh="解除理由", en="The reason")
    now = timezone.now()
    with transaction.atomic():
        locked = Alert.objects.select_for_update().get(pk=alert.pk)
        _require_open(locked, doing="解除", doing_en="closed")
        changes = {
            "state": Alert.State.CLOSED,
            "closed_how": Alert.ClosedHow.DECIDED,
            "closed_at": now,
            "closed_by": actor,
            "close_reason": reason,
        }
        save_versioned(alert, expected_version=expected_version, **changes)
        after = {**changes, "closed_by": actor.pk}
        audit_record(
            actor=actor, action="alert.close", obj=alert, before={"state": Alert.State.OPEN}, after=after
        )
    return alert


def talk_record(
    *,
    actor: User,
    unit: Unit,
    talked_with: str,
    held_by: str,
    held_on: date,
    notes: str,
    alert: Alert | None = None,
) -> AdmonitionTalk:
    """谈话提醒: the office covering ``unit`` records a talk held with its leader — about ``alert`` (a
    warning of that unit, open or closed) or the unit's work in general."""
    if unit.pk not in unit_ids_in_scope(actor, Role.OFFICE_ADMIN):
        raise PermissionDenied(
            said("只有惩防办可以记录谈话提醒。", "Only the office may record admonition talks.")
        )
    if alert is not None and alert.unit_id != unit.pk:
        raise Refusal(AlertCode.WRONG_UNIT, "预警不属于该单位。", "The warning is not this unit's.")
    if held_on > timezone.localdate():
        raise Refusal(AlertCode.FUTURE, "谈话日期不能晚于今天。", "The talk cannot be dated in the future.")
    talked_with = _short(talked_with, zh="谈话对象", en="Who was talked with")
    held_by = _short(held_by, zh="谈话人", en="Who held the talk")
    notes = clean_text(notes, field="notes", required=True, zh="谈话记录", en="The notes")
    with transaction.atomic():
        talk = AdmonitionTalk.objects.create(
            alert=alert,
            unit=unit,
            talked_with=talked_with,
            held_by=held_by,
            held_on=held_on,
            notes=notes,
            recorded_by=actor,
        )
        audit_record(actor=actor, action="talk.record", obj=talk, after=snapshot(talk))
    return talk


def _short(text: str, *, zh: str, en: str) -> str:
    text = (text or "").strip()
    if not text or len(text) > 100:
        raise Refusal(AlertCode.BAD_NAME, f"请填写{zh}（不超过100字）。", f"{en}: 1 to 100 characters.")
    return text
