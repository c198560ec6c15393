"""The tick's check of the audit chain (审计链校验): ``audit.verify.chain_verify``, its result recorded as an
``audit.verify`` entry; a good chain is then signed (an anchor, when a keyring is configured); a broken one
is an alarm (``audit.alarms.raise_alarm``: the ``notifications`` listener tells every active security and
audit administrator, the chain being one for the whole deployment) and fails the tick.

A tick every 15 minutes cannot walk a province's millions of entries each time: it walks the whole chain
when no full walk has succeeded within ``TAIZHANG_AUDIT_FULL_VERIFY_HOURS`` (24 by default), and otherwise
only what was written since the newest signed anchor (``chain_verify(since_anchor=True)``)."""

from __future__ import annotations

from contextlib import suppress
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from taizhang.audit.alarms import Alarm, raise_alarm
from taizhang.audit.models import AuditEvent
from taizhang.audit.services import audit_anchor, audit_record
from taizhang.audit.verify import CHAIN_VERIFY, chain_verify


def audit_chain_check(*, today: date) -> str | None:
    """Verify, record, then sign or alarm. Returns the problem, or None when the chain is intact."""
    found = chain_verify(since_anchor=not _full_walk_due())
    detail = {
        "scope": found.scope,
        "entries": found.entries,
        "anchors": found.anchors,
        "last_id": found.last_id,
        "broken_id": found.broken_id,
        "anchor_id": found.anchor_id,
        "problem": found.problem,
    }
    if not found.ok:
        # One occasion a day per break while it lasts: the administrators are reminded until it is dealt with.
        alarm = Alarm(
            subject=_("审计日志校验失败：日志可能被篡改"),
            about_log=True,
            occasion=f"{today}:{found.broken_id}:{found.anchor_id}",
            link=reverse("audit_log"),
        )
        raise_alarm(action=CHAIN_VERIFY, obj=None, detail=detail, alarm=alarm)
        return found.summary()
    with transaction.atomic():
        audit_record(
            actor=None, action=CHAIN_VERIFY, obj=None, after=detail, result=AuditEvent.Result.SUCCESS
        )
    # Without a keyring on this installation the chain is checked but its tail is not signed.
    with suppress(ImproperlyConfigured):
        audit_anchor()
    return None


def _full_walk_due() -> bool:
    """Whether no full walk has succeeded within the setting's hours (0: walk the whole chain every tick)."""
    hours = settings.TAIZHANG_AUDIT_FULL_VERIFY_HOURS
    if hours <= 0:
        return True
    recent = AuditEvent.objects.filter(
        action=CHAIN_VERIFY,
        result=AuditEvent.Result.SUCCESS,
        at__gte=timezone.now() - timedelta(hours=hours),
        after__scope="full",
    )
    return not recent.exists()
