"""The order rules under ``taizhang tick``'s first two steps (overdue states, then reminders stored as
notifications): each occasion is told once, however often the tick runs, and escalation reaches the unit
head and then the office, the office's first admin also on the group robot."""

from datetime import date

import pytest

from taizhang.jobs.management.commands.tick import TickResult, run_rules
from taizhang.notifications.models import Delivery, Notification
from taizhang.supervision.models import OrderRecipient

pytestmark = pytest.mark.django_db


def _tick(today: date) -> TickResult:
    result = TickResult()
    run_rules(today=today, result=result)
    assert not result.errors, result.errors
    return result


def _told(user) -> list[str]:
    orders = Notification.objects.filter(recipient=user, dedup_key__startswith="order:")  # not the warnings'
    return sorted(n.dedup_key.split(":")[4] for n in orders)


def test_a_run_a_day_tells_each_occasion_once(city, order, r1, settings):
    settings.TAIZHANG_WEBHOOK_URL = "http://robot.invalid/hook"
    _tick(date(2021, 6, 28))
    assert _told(city.liaison1) == ["before"]
    _tick(date(2021, 6, 29))
    assert _told(city.liaison1) == ["before"]
    _tick(date(2021, 7, 1))
    assert OrderRecipient.objects.get(pk=r1.pk).state == "overdue"
    assert _told(city.liaison1) == ["before", "liaison"] and _told(city.head1) == []
    assert _tick(date(2021, 7, 1)).created == 0
    _tick(date(2021, 7, 4))
    assert _told(city.head1) == ["unit_head"] and _told(city.office) == []
    _tick(date(2021, 7, 8))
    assert _told(city.office) == ["office", "office"]  # one per unit still owing: U1 and U2
    assert _told(city.liaison1) == ["before", "liaison"] and _told(city.head1) == ["unit_head"]
    office = Notification.objects.filter(recipient=city.office)
    assert Delivery.objects.filter(notification__in=office, channel="webhook").count() == 2
    assert {n.kind for n in office} == {"escalation"}
