"""Units are told of a warning when it is raised and when it rises to yellow and red — liaisons always,
heads at red — once per level, however often the refresh runs; and the tick runs the refresh."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command

from taizhang.alerts.models import Alert
from taizhang.ledger.models import Milestone
from taizhang.notifications.models import Notification
from tests.alerts.helpers import decomposed, line, refresh
from tests.factories import make_milestone

pytestmark = pytest.mark.django_db
DUE = date(2021, 5, 10)


def _told(user) -> list[str]:
    return [n.dedup_key.split(":")[2] for n in Notification.objects.filter(recipient=user).order_by("pk")]


def test_liaisons_are_told_of_each_level_and_heads_of_red_once(city):
    milestone = make_milestone(assignment=decomposed(city), due_date=DUE)
    refresh(DUE + timedelta(days=1))
    assert (_told(city.liaison_a), _told(city.head_a)) == (["notice"], [])
    refresh(DUE + timedelta(days=2))
    refresh(DUE + timedelta(days=15))
    assert _told(city.liaison_a) == ["notice", "yellow"]
    refresh(DUE + timedelta(days=30))
    assert (_told(city.liaison_a), _told(city.head_a)) == (["notice", "yellow", "red"], ["red"])
    Milestone.objects.filter(pk=milestone.pk).update(due_date=DUE + timedelta(days=10))
    refresh(DUE + timedelta(days=30))  # down to yellow: nobody is told
    Milestone.objects.filter(pk=milestone.pk).update(due_date=DUE)
    refresh(DUE + timedelta(days=31))  # red again: told already
    assert (_told(city.liaison_a), _told(city.head_a)) == (["notice", "yellow", "red"], ["red"])
    assert _told(city.liaison_b) == []
    message = Notification.objects.filter(recipient=city.head_a).get()
    alert = Alert.objects.get()
    assert message.link == f"/alerts/{alert.pk}/" and message.kind == "escalation"
    assert "红色预警" in message.subject and "谈话提醒" in message.body


def test_the_tick_runs_the_refresh_on_todays_date(city, clock):
    make_milestone(assignment=line(city), due_date=DUE)
    clock(DUE + timedelta(days=15))
    call_command("tick")
    alert = Alert.objects.get()
    assert alert.level == "yellow"
    assert _told(city.liaison_a) == ["yellow"]
    clock(DUE + timedelta(days=30))
    call_command("tick")
    alert.refresh_from_db()
    assert alert.level == "red" and _told(city.liaison_a) == ["yellow", "red"]
