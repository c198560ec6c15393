"""What the warning tests share: the city's lines, and a refresh that must not fail."""

from __future__ import annotations

from datetime import date

from taizhang.alerts.models import Alert
from taizhang.alerts.refresh import RefreshResult, alerts_refresh
from taizhang.ledger.models import Assignment


def line(city, unit=None) -> Assignment:
    return Assignment.objects.get(unit=unit or city.a)


def decomposed(city) -> Assignment:
    """Unit A's line, with every line of the city decomposed (a 责任人 named, a 进度目标 far ahead), so that
    past the days allowed for decomposing no ``undecomposed`` warning rises beside the ones a test watches."""
    from tests.factories import make_milestone

    for assignment in Assignment.objects.all():
        make_milestone(assignment=assignment, due_date=date(2030, 12, 31), title="长期目标")
    Assignment.objects.update(responsible_persons=["王五"])
    return line(city)


def refresh(today: date, **kwargs) -> RefreshResult:
    return alerts_refresh(today=today, **kwargs)


def open_alerts(rule: str | None = None) -> dict[str, str]:
    """Key → level of the open warnings (of ``rule``)."""
    alerts = Alert.objects.filter(state=Alert.State.OPEN)
    if rule:
        alerts = alerts.filter(rule=rule)
    return dict(alerts.values_list("key", "level"))
