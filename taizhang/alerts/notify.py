"""Telling a unit of its warnings: when one is raised, and when it rises to 黄色预警 or 红色预警, the unit's
liaisons are told (and its heads too at red), in their inbox and by e-mail where configured.

The dedup key names the warning, the level and the person (``alert:<id>:<level>:user:<id>``), so a level
is told once even if the warning falls back and rises again, and two runs never tell it twice."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils import translation

from taizhang.accounts.models import Role
from taizhang.accounts.selectors import people_of_units
from taizhang.alerts.models import Alert, Level
from taizhang.notifications.intents import ReminderIntent
from taizhang.notifications.models import Notification


def alert_intents(alerts: Iterable[Alert]) -> list[ReminderIntent]:
    """The messages for ``alerts`` at their current level: liaisons always, unit heads at red."""
    alerts = list(alerts)
    if not alerts:
        return []
    people = people_of_units(a.unit_id for a in alerts)
    intents: list[ReminderIntent] = []
    with translation.override("zh-hans"):  # messages are stored once, in Chinese, whoever ran the check
        for alert in alerts:
            _add(intents, alert, people)
    return intents


def _add(intents: list[ReminderIntent], alert: Alert, people: dict) -> None:
    roles = (Role.LIAISON, Role.UNIT_HEAD) if alert.level == Level.RED else (Role.LIAISON,)
    link = reverse("alert_detail", args=[alert.pk])
    subject = f"{Level(alert.level).label}：{alert.unit.name}{alert.summary}"
    body = f"{alert.unit.name}：{alert.summary}。\n处置要求：{alert.get_required_display()}\n查看：{link}"
    kind = Notification.Kind.INFO if alert.level == Level.NOTICE else Notification.Kind.ESCALATION
    for role in roles:
        for user in people.get((alert.unit_id, role), []):
            intents.append(
                ReminderIntent(
                    recipient=user,
                    kind=kind,
                    subject=subject,
                    body=body,
                    link=link,
                    about=alert,
                    dedup_key=f"alert:{alert.pk}:{alert.level}:user:{user.pk}",
                )
            )
