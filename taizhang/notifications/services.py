"""Writes to notifications: storing a message with its deliveries, marking messages read.

Sending is ``notifications.dispatch.dispatch_pending``; ``taizhang tick`` runs both.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from taizhang.accounts.models import User
from taizhang.accounts.placement import user_places_read
from taizhang.audit.placement import place_of
from taizhang.audit.services import audit_record, audit_record_values, audit_values
from taizhang.lib.batches import batch_transaction, batches
from taizhang.lib.bulk import bulk_insert, insert_rows
from taizhang.notifications.intents import ReminderIntent
from taizhang.notifications.models import Delivery, Notification

Channel = Delivery.Channel
BATCH = 200  # messages per transaction in ``notify_many``: about 0.1 s of the write lock


def channels_for(intent: ReminderIntent) -> list[str]:
    """The channels a message goes out on: the inbox always; e-mail when the deployment has SMTP and the
    recipient an address; the group robot when the rule asks for it and a webhook is configured."""
    channels = [Channel.INBOX]
    if settings.TAIZHANG_EMAIL_ENABLED and intent.recipient.email and intent.recipient.is_active:
        channels.append(Channel.EMAIL)
    if intent.webhook and settings.TAIZHANG_WEBHOOK_URL:
        channels.append(Channel.WEBHOOK)
    return channels


def _safe_link(link: str) -> str:
    """Only a path inside taizhang: the inbox renders it as a link, so nothing that leaves the site or runs
    script (``//host``, ``javascript:``)."""
    link = (link or "").strip()
    return link if link.startswith("/") and not link.startswith("//") and "\\" not in link else ""


def notify(*, intent: ReminderIntent) -> Notification | None:
    """Store the message ``intent`` asks for, with one Delivery per channel (``channels_for``); the inbox
    delivery is done on the spot. Returns None, and creates nothing, when a message with the intent's
    ``dedup_key`` exists: the occasion was already told, by an earlier run or a parallel one."""
    if Notification.objects.filter(dedup_key=intent.dedup_key).exists():
        return None
    try:
        with transaction.atomic():
            notification = _notification(intent)
            notification.save()
            _store_rest([(notification, intent)])
    except IntegrityError:
        # Another run stored the same occasion between the check and the insert.
        if Notification.objects.filter(dedup_key=intent.dedup_key).exists():
            return None
        raise
    return notification


def notify_many(*, intents: Iterable[ReminderIntent]) -> list[Notification]:
    """``notify`` for many intents at once: the messages not told yet, each with its deliveries and audit
    entry, stored ``BATCH`` at a time in one short transaction per batch (a bulk insert each, not three
    queries a message). Returns the messages this call created.

    Told once, as by ``notify``: keys already stored (or repeated in ``intents``) are left out before the
    insert, inside the batch's transaction; should a parallel run store one of the keys in between, the
    unique key refuses the bulk insert and that batch is stored one by one with ``notify``."""
    seen: set[str] = set()
    unique = []
    for intent in intents:
        if intent.dedup_key not in seen:
            seen.add(intent.dedup_key)
            unique.append(intent)
    user_places_read(i.recipient for i in unique)  # their audit entries' places, read at once
    created: list[Notification] = []
    for batch in batches(unique, BATCH):
        created += _notify_batch(batch)
    return created


def _notify_batch(intents: list[ReminderIntent]) -> list[Notification]:
    with batch_transaction():
        told = set(
            Notification.objects.filter(dedup_key__in=[i.dedup_key for i in intents]).values_list(
                "dedup_key", flat=True
            )
        )
        todo = [i for i in intents if i.dedup_key not in told]
        if not todo:
            return []
        rows = [_notification(i) for i in todo]
        try:
            with transaction.atomic():
                made = bulk_insert(Notification, rows)
        except IntegrityError:
            made = None
        if made is not None:
            _store_rest(list(zip(made, todo, strict=True)))
            return made
    # A parallel run stored some of these keys between the check and the insert: one by one, as notify.
    return [n for n in (notify(intent=i) for i in todo) if n is not None]


def _notification(intent: ReminderIntent) -> Notification:
    about = intent.about
    return Notification(
        recipient=intent.recipient,
        kind=intent.kind,
        subject=intent.subject[:200],
        body=intent.body,
        link=_safe_link(intent.link)[:300],
        about_type=ContentType.objects.get_for_model(about) if about is not None else None,
        about_id=about.pk if about is not None else None,
        dedup_key=intent.dedup_key,
    )


def _store_rest(stored: list[tuple[Notification, ReminderIntent]]) -> None:
    """The deliveries and audit entries of messages just inserted (inside their transaction), as plain rows
    (``lib.bulk.insert_rows``, ``audit_values``): a province's first check stores thousands at once."""
    now = timezone.now()
    deliveries, entries = [], []
    sent, pending = Delivery.State.SENT, Delivery.State.PENDING
    for notification, intent in stored:
        channels = channels_for(intent)
        deliveries += [
            (notification.pk, channel, sent, now)
            if channel == Channel.INBOX
            else (notification.pk, channel, pending, None)
            for channel in channels
        ]
        entries.append(
            audit_values(
                model=Notification,
                action="notification.create",
                at=now,
                place=place_of(notification),
                object_id=notification.pk,
                object_repr=str(notification),
                after={
                    "recipient_id": intent.recipient.pk,
                    "kind": intent.kind,
                    "dedup_key": intent.dedup_key,
                    "channels": [str(c) for c in channels],
                },
            )
        )
    insert_rows(Delivery, ("notification", "channel", "state", "sent_at"), deliveries)
    audit_record_values(entries)


def notification_mark_read(*, actor: User, notification: Notification) -> Notification:
    """The recipient has read it (a no-op when already read). The selector has checked it is theirs."""
    if notification.recipient_id != actor.pk:
        raise Notification.DoesNotExist  # never mark someone else's; the views 404 before this
    if notification.read_at is None:
        with transaction.atomic():
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
            audit_record(actor=actor, action="notification.read", obj=notification)
    return notification


def notification_mark_all_read(*, actor: User) -> int:
    """Every unread message of ``actor`` read; how many were."""
    with transaction.atomic():
        count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if count:
            audit_record(actor=actor, action="notification.read_all", obj=None, after={"count": count})
    return count
