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
from taizhang.alerts.models import Alert, Level, Required
from taizhang.notifications.intents import ReminderIntent
from taizhang.notifications.models import Notification

PLACEHOLDER = 987654321


def alert_intents(alerts: Iterable[Alert]) -> list[ReminderIntent]:
    """The messages for ``alerts`` at their current level: liaisons always, unit heads at red."""
    alerts = list(alerts)
    if not alerts:
        return []
    people = people_of_units(a.unit_id for a in alerts)
    intents: list[ReminderIntent] = []
    with translation.override("zh-hans"):  # messages are stored once, in Chinese, whoever ran the check
        # Labels and the link's pattern once, not per warning: a province's first check tells ~67,000.
        labels = {**{k: str(v) for k, v in Level.choices}, **{k: str(v) for k, v in Required.choices}}
        link = reverse("alert_detail", args=[PLACEHOLDER]).replace(str(PLACEHOLDER), "{}")
        for alert in alerts:
            _add(intents, alert, people, labels, link.format(alert.pk))
    return intents


def _add(intents: list[ReminderIntent], alert: Alert, people: dict, labels: dict, link: str) -> None:
    roles = (Role.LIAISON, Role.UNIT_HEAD) if alert.level == Level.RED else (Role.LIAISON,)
    subject = f"{labels[alert.level]}：{alert.unit.name}{alert.summary}"
    body = f"{alert.unit.name}：{alert.summary}。\n处置要求：{labels[alert.required]}\n查看：{link}"
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
