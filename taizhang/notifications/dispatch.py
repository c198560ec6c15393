"""Sending what is waiting: every e-mail and webhook delivery not yet sent, tried once per run until
``TAIZHANG_DELIVERY_MAX_ATTEMPTS`` tries have failed (then it stays failed for a person to look at).

Each try is claimed before it is made — one UPDATE that raises ``attempts`` only if nobody else did — so two
runs at once never send the same delivery twice; each try is logged as a ``DeliveryAttempt``. A failure is
recorded, never raised: one bad address or a robot that is down does not stop the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F

from taizhang.notifications import channels
from taizhang.notifications.models import Delivery, DeliveryAttempt

logger = logging.getLogger(__name__)

Channel = Delivery.Channel
State = Delivery.State

SENDERS: dict[str, Callable] = {
    Channel.EMAIL: lambda delivery, now: channels.send_email(delivery.notification),
    Channel.WEBHOOK: lambda delivery, now: channels.post_webhook(delivery.notification, now=now),
}


@dataclass
class DispatchResult:
    sent: int = 0
    failed: int = 0


def pending_deliveries():
    """Deliveries still to try, oldest first."""
    return (
        Delivery.objects.filter(
            channel__in=list(SENDERS),
            state__in=(State.PENDING, State.FAILED),
            attempts__lt=settings.TAIZHANG_DELIVERY_MAX_ATTEMPTS,
        )
        .select_related("notification__recipient")
        .order_by("id")
    )


def _claim(delivery: Delivery, now: datetime) -> bool:
    claimed = Delivery.objects.filter(
        pk=delivery.pk, attempts=delivery.attempts, state__in=(State.PENDING, State.FAILED)
    ).update(attempts=F("attempts") + 1, last_attempt_at=now)
    delivery.attempts += 1
    return claimed == 1


def _record(delivery: Delivery, now: datetime, error: str) -> None:
    with transaction.atomic():
        DeliveryAttempt.objects.create(delivery=delivery, ok=not error, error=error)
        if error:
            Delivery.objects.filter(pk=delivery.pk).update(state=State.FAILED, last_error=error)
        else:
            Delivery.objects.filter(pk=delivery.pk).update(state=State.SENT, sent_at=now, last_error="")


def dispatch_pending(*, now: datetime) -> DispatchResult:
    """Try each waiting delivery once. Returns how many went out and how many failed this time."""
    result = DispatchResult()
    for delivery in list(pending_deliveries()):  # read first: the loop writes to the same table
        if not _claim(delivery, now):
            continue  # another run took it
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
            _record(delivery, now, error)
        except Exception:  # the database went away mid-run: the claim stands, the next run retries
            logger.exception("delivery %s: could not record the attempt", delivery.pk)
    return result
