"""Sending what is waiting: every e-mail and webhook delivery not yet sent, tried once per run until
``TAIZHANG_DELIVERY_MAX_ATTEMPTS`` tries have failed (then it stays failed for a person to look at).

Exactly once, however many runners (``taizhang tick`` on several hosts, or a run that overlaps the last
one because the mail server is slow): a runner takes each delivery before it sends it, in one conditional
UPDATE that moves it from pending/failed to ``sending`` under the runner's name with a lease
(``TAIZHANG_DELIVERY_LEASE_SECONDS``). The database lets one UPDATE match (SQLite writes one at a time;
PostgreSQL re-reads the row after the other's commit), so a second runner finds it taken and skips it
until the first marks it sent or failed. A delivery still ``sending`` after its lease had a runner that
stopped mid-send: it is marked failed (the try counted) and tried again by the next run.

The one duplicate left: a runner that stops after the server accepted the message and before it marked
the row sent. Nobody can tell then whether the message went out, and a notice that may arrive twice beats
one that may never arrive, so that delivery is retried (at least once across crashes).

Each try is logged as a ``DeliveryAttempt``. A failure is recorded, never raised: one bad address or a
robot that is down does not stop the rest.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from taizhang.lib.i18n import said_lazy
from taizhang.notifications import channels
from taizhang.notifications.models import Delivery, DeliveryAttempt

logger = logging.getLogger(__name__)

Channel = Delivery.Channel
State = Delivery.State
INTERRUPTED = said_lazy(
    "发送中断：发送进程未记录结果即停止", "interrupted: the sender stopped before recording a result"
)

SENDERS: dict[str, Callable] = {
    Channel.EMAIL: lambda delivery, now: channels.send_email(delivery.notification),
    Channel.WEBHOOK: lambda delivery, now: channels.post_webhook(delivery.notification, now=now),
}


@dataclass
class DispatchResult:
    sent: int = 0
    failed: int = 0


def runner_name() -> str:
    """Who claims: host, process and a random part, so two threads or two runs of one process differ."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def pending_deliveries(*, fresh_only: bool = False):
    """Deliveries still to try, oldest first (not those a runner holds); with ``fresh_only``, only those
    never tried (``taizhang worker`` sends new messages within seconds; retries wait for the tick)."""
    waiting = (State.PENDING,) if fresh_only else (State.PENDING, State.FAILED)
    return (
        Delivery.objects.filter(
            channel__in=list(SENDERS),
            state__in=waiting,
            attempts__lt=1 if fresh_only else settings.TAIZHANG_DELIVERY_MAX_ATTEMPTS,
        )
        .select_related("notification__recipient")
        .order_by("id")
    )


def release_expired() -> int:
    """Mark failed every delivery whose runner's lease ran out (the runner stopped mid-send), each with
    an attempt saying so; the next try is an ordinary retry. Returns how many. Leases are measured on the
    clock (``timezone.now()``), not on the tick's ``now``: they are about time that has really passed."""
    now = timezone.now()
    with transaction.atomic():
        expired = list(
            Delivery.objects.filter(state=State.SENDING, lease_until__lt=now).values_list("pk", flat=True)
        )
        released = Delivery.objects.filter(pk__in=expired, state=State.SENDING, lease_until__lt=now).update(
            state=State.FAILED, claimed_by="", lease_until=None, last_error=INTERRUPTED
        )
        DeliveryAttempt.objects.bulk_create(
            DeliveryAttempt(delivery_id=pk, ok=False, error=INTERRUPTED) for pk in expired
        )
    for pk in expired:
        logger.warning("delivery %s: its sender stopped mid-send; it will be tried again", pk)
    return released


def _claim(delivery: Delivery, *, runner: str, now: datetime) -> bool:
    """Take ``delivery`` for ``runner``: true if this UPDATE moved it to ``sending``, false if another
    runner took (or finished) it since it was read."""
    lease = timezone.now() + timedelta(seconds=settings.TAIZHANG_DELIVERY_LEASE_SECONDS)
    claimed = Delivery.objects.filter(
        pk=delivery.pk, attempts=delivery.attempts, state__in=(State.PENDING, State.FAILED)
    ).update(
        state=State.SENDING,
        claimed_by=runner,
        lease_until=lease,
        attempts=F("attempts") + 1,
        last_attempt_at=now,
    )
    delivery.attempts += 1
    return claimed == 1


def _record(delivery: Delivery, *, runner: str, now: datetime, error: str) -> None:
    """The try's result. A success is recorded whatever became of the lease (the message went out);
    a failure only while the runner still holds the delivery."""
    done = {"claimed_by": "", "lease_until": None}
    with transaction.atomic():
        DeliveryAttempt.objects.create(delivery=delivery, ok=not error, error=error)
        if error:
            Delivery.objects.filter(pk=delivery.pk, state=State.SENDING, claimed_by=runner).update(
                state=State.FAILED, last_error=error, **done
            )
        else:
            Delivery.objects.filter(pk=delivery.pk).exclude(state=State.SENT).update(
                state=State.SENT, sent_at=now, last_error="", **done
            )


def dispatch_pending(*, now: datetime, runner: str | None = None, fresh_only: bool = False) -> DispatchResult:
    """Try each waiting delivery once (``fresh_only``: only those never tried). Returns how many went out
    and how many failed this time."""
    runner = runner or runner_name()
    result = DispatchResult()
    release_expired()
    for delivery in list(pending_deliveries(fresh_only=fresh_only)):  # read first: the loop writes to it
        if not _claim(delivery, runner=runner, now=now):
            continue  # another runner took it
        try:
            SENDERS[delivery.channel](delivery, now)
        except Exception as exc:  # any failure of any channel is the delivery's, not the run's
            error = (str(exc) or type(exc).__name__)[:2000]
            logger.warning("delivery %s (%s) failed: %s", delivery.pk, delivery.channel, error)
            result.failed += 1
        else:
            error = ""
            result.sent += 1
        try:
            _record(delivery, runner=runner, now=now, error=error)
        except Exception:  # the database went away mid-run: the lease runs out, the next run retries
            logger.exception("delivery %s: could not record the attempt", delivery.pk)
    return result
