"""Alarms (告警): a control found something wrong at rest (a file's bytes, a sealed record). Each alarm is an
audit entry with the result ``failure``, written in its own transaction so it stays whatever the request does
next, and is passed to the listeners apps above register (``notifications`` tells the security
administrators of the region). The audit app sits low in the layers, hence the registry (as ``placement``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from taizhang.audit.models import AuditEvent
from taizhang.audit.services import audit_record

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Alarm:
    """How the listeners tell an alarm, beside its entry: the message's subject (blank: "安全告警" and the
    object), whether it is about the audit log itself (then the audit administrators are told too, and the
    message leads to ``link``), and what makes two alarms one occasion (blank: the object, told once)."""

    subject: str = ""
    about_log: bool = False
    occasion: str = ""
    link: str = ""


Listener = Callable[[AuditEvent, Alarm], None]
_listeners: list[Listener] = []


def register_alarm_listener(listener: Listener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def raise_alarm(
    *,
    action: str,
    obj: models.Model | None,
    detail: dict[str, Any],
    actor: Any = None,
    place_as: Any = None,
    alarm: Alarm = Alarm(),
) -> AuditEvent:
    """Record ``action`` (say ``file.tampered``) about ``obj`` and tell the listeners. Never raises for a
    listener's failure: the refusal the caller answers matters more than the message."""
    with transaction.atomic():
        event = audit_record(
            actor=actor,
            action=action,
            obj=obj,
            after=detail,
            result=AuditEvent.Result.FAILURE,
            place_as=place_as if place_as is not None else obj,
        )
    logger.error("integrity alarm %s on %s %s: %s", action, event.object_type, event.object_id, detail)
    for listener in _listeners:
        try:
            listener(event, alarm)
        except Exception:
            logger.exception("alarm listener %r failed for %s", listener, action)
    return event
