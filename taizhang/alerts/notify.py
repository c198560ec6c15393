"""Telling a unit of its warnings: when one is raised, and when it rises to 黄色预警 or 红色预警, the unit's
liaisons are told (and its heads too at red), in their inbox and by e-mail where configured.

A level is told once: ``Alert.told_level`` keeps the highest level told, so a warning that falls back and
rises again is not told twice, and the dedup keys keep two runs from telling the same thing.

A person told of more than ``TAIZHANG_ALERT_DIGEST_OVER`` warnings in one run gets one summary instead
(预警汇总: how many at each level, the first ones listed, a link to the unit's warnings): a province's first
check raises tens of thousands, and forty messages at once help nobody. Fewer, and each is its own message
(``alert:<id>:<level>:user:<id>``), with the link to the warning."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from taizhang.accounts.models import Role
from taizhang.accounts.selectors import people_of_units
from taizhang.alerts.models import Alert, Level, Required
from taizhang.alerts.specs import LEVELS, rank
from taizhang.lib.batches import batch_transaction, batches
from taizhang.notifications.intents import ReminderIntent
from taizhang.notifications.models import Notification
from taizhang.notifications.services import notify_many

PLACEHOLDER = 987654321
LISTED = 20  # warnings named in a summary's body; the link shows them all


def alerts_tell(alerts: Iterable[Alert]) -> int:
    """Tell the people of each warning in ``alerts`` (just raised or risen) at its level, unless that level
    was told already; returns the number of messages stored."""
    untold = [a for a in alerts if not a.told_level or rank(a.level) > rank(a.told_level)]
    if not untold:
        return 0
    told = len(notify_many(intents=alert_intents(untold)))
    by_level: dict[str, list[int]] = defaultdict(list)
    for alert in untold:
        by_level[alert.level].append(alert.pk)
    for level, ids in by_level.items():
        for chunk in batches(ids, 1000):
            with batch_transaction():
                Alert.objects.filter(pk__in=chunk).update(told_level=level)
    return told


def alert_intents(alerts: Iterable[Alert]) -> list[ReminderIntent]:
    """The messages for ``alerts`` at their current level: liaisons always, unit heads at red; one summary
    for a person who would get more than the setting's number."""
    alerts = list(alerts)
    if not alerts:
        return []
    people = people_of_units(a.unit_id for a in alerts)
    for_person: dict[int, tuple[object, list[Alert]]] = {}
    for alert in alerts:
        roles = (Role.LIAISON, Role.UNIT_HEAD) if alert.level == Level.RED else (Role.LIAISON,)
        for role in roles:
            for user in people.get((alert.unit_id, role), []):
                for_person.setdefault(user.pk, (user, []))[1].append(alert)
    intents: list[ReminderIntent] = []
    with translation.override("zh-hans"):  # messages are stored once, in Chinese, whoever ran the check
        # Labels and the link's pattern once, not per warning: a province's first check tells ~67,000.
        labels = {**{k: str(v) for k, v in Level.choices}, **{k: str(v) for k, v in Required.choices}}
        link = reverse("alert_detail", args=[PLACEHOLDER]).replace(str(PLACEHOLDER), "{}")
        list_link = reverse("alert_list")
        for user, theirs in for_person.values():
            if len(theirs) > settings.TAIZHANG_ALERT_DIGEST_OVER:
                intents.append(_summary(user, theirs, labels, list_link))
            else:
                intents += [_one(user, alert, labels, link.format(alert.pk)) for alert in theirs]
    return intents


def _kind(level: str) -> str:
    return Notification.Kind.INFO if level == Level.NOTICE else Notification.Kind.ESCALATION


def _one(user, alert: Alert, labels: dict, link: str) -> ReminderIntent:
    return ReminderIntent(
        recipient=user,
        kind=_kind(alert.level),
        subject=f"{labels[alert.level]}：{alert.unit.name}{alert.summary}",
        body=f"{alert.unit.name}：{alert.summary}。\n处置要求：{labels[alert.required]}\n查看：{link}",
        link=link,
        about=alert,
        dedup_key=f"alert:{alert.pk}:{alert.level}:user:{user.pk}",
    )


def _summary(user, alerts: list[Alert], labels: dict, list_link: str) -> ReminderIntent:
    alerts = sorted(alerts, key=lambda a: (-rank(a.level), a.pk))  # the most serious first
    counts = {level: sum(a.level == level for a in alerts) for level in reversed(LEVELS)}
    tally = "，".join(f"{labels[level]} {n} 条" for level, n in counts.items() if n)
    units = {a.unit_id: a.unit for a in alerts}
    where = next(iter(units.values())).name if len(units) == 1 else f"{len(units)} 个单位"
    query = f"?{urlencode({'unit': next(iter(units))})}" if len(units) == 1 else ""
    link = list_link + query
    lines = [
        f"· {labels[a.level]}：{a.unit.name}{a.summary}（{labels[a.required]}）" for a in alerts[:LISTED]
    ]
    if len(alerts) > LISTED:
        lines.append(f"……另有 {len(alerts) - LISTED} 条")
    # Named by the set told, so the same run retried stores it once; a later run tells other warnings.
    told = ",".join(f"{a.pk}:{a.level}" for a in alerts)
    digest = hashlib.sha256(told.encode("ascii")).hexdigest()[:32]
    head = f"{where}本次核对新增或升级预警 {len(alerts)} 条（{tally}）："
    return ReminderIntent(
        recipient=user,
        kind=_kind(alerts[0].level),
        subject=f"预警汇总：{where}新增或升级预警 {len(alerts)} 条（{tally}）",
        body="\n".join([head, *lines, f"查看：{link}"]),
        link=link,
        about=None,
        dedup_key=f"alerts:{user.pk}:{digest}",
    )
