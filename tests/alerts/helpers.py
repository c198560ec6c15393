"""What the warning tests share: the city's lines, and a refresh that must not fail."""

from __future__ import annotations

from datetime import date

from taizhang.alerts.models import Alert
from taizhang.alerts.refresh import RefreshResult, alerts_refresh
from taizhang.ledger.models import Assignment


def line(city, unit=None) -> Assignment:
    return Assignment.objects.get(unit=unit or city.a)


def refresh(today: date, **kwargs) -> RefreshResult:
    return alerts_refresh(today=today, **kwargs)


def open_alerts(rule: str | None = None) -> dict[str, str]:
    """Key → level of the open warnings (of ``rule``)."""
    alerts = Alert.objects.filter(state=Alert.State.OPEN)
    if rule:
        alerts = alerts.filter(rule=rule)
    return dict(alerts.values_list("key", "level"))
