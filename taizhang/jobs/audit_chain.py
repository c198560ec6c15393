"""The tick's check of the audit chain (审计链校验): ``audit.verify.chain_verify``, its result recorded as an
``audit.verify`` entry; a good chain is then signed (an anchor, when a keyring is configured); a broken one
raises an alarm to every active security and audit administrator (the chain is one for the whole
deployment) and fails the tick."""

from __future__ import annotations

from contextlib import suppress
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from taizhang.accounts.models import Role, User
from taizhang.audit.models import AuditEvent
from taizhang.audit.services import audit_anchor, audit_record
from taizhang.audit.verify import chain_verify
from taizhang.notifications.intents import ReminderIntent
from taizhang.notifications.models import Notification
from taizhang.notifications.services import notify


def _alarmed() -> list[User]:
    roles = (Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)
    return list(User.objects.filter(is_active=True, role_grants__role__in=roles).distinct().order_by("pk"))


def audit_chain_check(*, today: date) -> str | None:
    """Verify, record, then sign or alarm. Returns the problem, or None when the chain is intact."""
    found = chain_verify()
    with transaction.atomic():
        audit_record(
            actor=None,
            action="audit.verify",
            obj=None,
            after={
                "entries": found.entries,
                "anchors": found.anchors,
                "last_id": found.last_id,
                "broken_id": found.broken_id,
                "problem": found.problem,
            },
            result=AuditEvent.Result.SUCCESS if found.ok else AuditEvent.Result.FAILURE,
        )
    if found.ok:
        # Without a keyring on this installation the chain is checked but its tail is not signed.
        with suppress(ImproperlyConfigured):
            audit_anchor()
        return None
    for person in _alarmed():
        notify(
            intent=ReminderIntent(
                recipient=person,
                kind=Notification.Kind.ESCALATION,
                subject="审计日志校验失败：日志可能被篡改",
                body=found.problem,
                link="/audit/",
                about=None,
                dedup_key=f"audit-verify:{today}:{found.broken_id}:{found.anchor_id}:{person.pk}",
            )
        )
    return found.summary()
