"""What a reminder rule asks to be sent. Rules (催办 of orders, of rectification items, …) live in their own
apps and return these; ``taizhang tick`` turns them into stored notifications and deliveries.

The ``dedup_key`` names the occasion, not the moment (``order:12:unit:7:overdue:liaison``), so running the
rules twice on the same day, or on two days, never sends the same reminder twice.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from taizhang.accounts.models import User


@dataclass(frozen=True, slots=True)
class ReminderIntent:
    recipient: User
    kind: str  # Notification.Kind: reminder · escalation · info
    subject: str
    body: str
    link: str  # a path inside taizhang, e.g. /supervision/orders/12/
    about: models.Model | None
    dedup_key: str
    webhook: bool = False  # also post to the office's group robot (escalations to the office)
