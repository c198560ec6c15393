"""rectification_reminders: one reminder before the deadline to the unit's liaisons, then escalation once
it has passed, counted as for orders (the first day after the deadline is overdue day 0) — liaisons on day
0, the unit head from day 3, the office from day 7 with the group robot — as TAIZHANG_ESCALATION_DAYS says;
keys stable from run to run; none once applied or closed."""

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from taizhang.accounts.models import Role
from taizhang.rectification.models import RectState
from taizhang.rectification.reminders import rectification_reminders
from tests.factories import make_user
from tests.rectification.helpers import apply, item_in, open_item

pytestmark = pytest.mark.django_db

DEADLINE = date(2021, 5, 20)  # the items are made on 10 May with 10 days to go


def overdue_day(n: int) -> date:
    return DEADLINE + timedelta(days=n + 1)


@pytest.fixture
def item(city):
    return open_item(city, days=10)


def _sent(today):
    return {
        (i.recipient.username, i.kind, i.webhook, i.dedup_key) for i in rectification_reminders(today=today)
    }


def _key(item, occasion, user):
    return f"rectification:{item.pk}:{occasion}:user:{user.pk}"


def test_nothing_before_the_reminder_window(city, item):
    assert rectification_reminders(today=DEADLINE - timedelta(days=4)) == []


@pytest.mark.parametrize("days_before", [3, 1, 0])
def test_the_liaison_is_reminded_in_the_window_with_one_key(city, item, days_before):
    intents = rectification_reminders(today=DEADLINE - timedelta(days=days_before))
    assert [(i.recipient, i.kind, i.dedup_key) for i in intents] == [
        (city.liaison_a, "reminder", _key(item, "before:2021-05-20", city.liaison_a))
    ]
    assert intents[0].link == f"/rectification/{item.pk}/" and intents[0].about == item
    assert not intents[0].webhook


def test_escalation_stages_by_days_overdue(city, item):
    liaison = _key(item, "overdue:2021-05-20:liaison", city.liaison_a)
    head = _key(item, "overdue:2021-05-20:unit_head", city.head_a)
    office = _key(item, "overdue:2021-05-20:office", city.admin)
    assert {k for *_, k in _sent(overdue_day(0))} == {liaison}  # 21 May, the day after the deadline
    assert {k for *_, k in _sent(overdue_day(2))} == {liaison}
    assert {k for *_, k in _sent(overdue_day(3))} == {liaison, head}
    assert {k for *_, k in _sent(overdue_day(6))} == {liaison, head}
    week = _sent(overdue_day(7))
    assert {k for *_, k in week} == {liaison, head, office}
    assert (city.admin.username, "escalation", True, office) in week
    assert (city.head_a.username, "escalation", False, head) in week
    assert (city.liaison_a.username, "reminder", False, liaison) in week


def test_keys_are_the_same_on_every_run_and_every_later_day(city, item):
    first = _sent(overdue_day(7))
    assert _sent(overdue_day(7)) == first
    assert _sent(overdue_day(40)) == first


def test_the_office_stage_reaches_every_office_admin_covering_the_unit_but_the_robot_once(city, item):
    second = make_user(role=Role.OFFICE_ADMIN, region=city.region)
    intents = [i for i in rectification_reminders(today=overdue_day(7)) if ":office:" in i.dedup_key]
    assert {i.recipient for i in intents} == {city.admin, second}  # not 乙市's office, not the leader
    assert sum(i.webhook for i in intents) == 1


def test_the_stages_follow_the_setting(city, item, settings):
    settings.TAIZHANG_ESCALATION_DAYS = {"liaison": 2, "unit_head": 5, "office": 10}
    assert rectification_reminders(today=overdue_day(1)) == []
    assert {i.recipient for i in rectification_reminders(today=overdue_day(5))} == {
        city.liaison_a,
        city.head_a,
    }


@pytest.mark.parametrize("state", [RectState.CLOSEOUT_REQUESTED, RectState.CLOSED])
def test_no_reminders_once_the_unit_has_applied_or_the_item_is_closed(city, state):
    item_in(city, state)
    assert rectification_reminders(today=date(2021, 7, 1)) == []


def test_a_refused_application_brings_the_reminders_back(city, clock):
    from tests.rectification.helpers import refuse

    item = apply(city, open_item(city, days=10))
    refuse(city, item)
    clock(date(2021, 5, 21))
    assert [i.recipient for i in rectification_reminders(today=timezone.localdate())] == [city.liaison_a]


def test_the_tick_stores_each_reminder_once_however_often_it_runs(city, item, clock):
    from django.core.management import call_command

    from taizhang.notifications.models import Notification

    clock(overdue_day(7))
    call_command("tick", stdout=io.StringIO())
    call_command("tick", stdout=io.StringIO())
    notes = Notification.objects.filter(dedup_key__startswith=f"rectification:{item.pk}:")
    assert sorted(notes.values_list("recipient__username", flat=True)) == sorted(
        u.username for u in (city.liaison_a, city.head_a, city.admin)
    )
