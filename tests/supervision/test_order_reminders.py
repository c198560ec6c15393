"""order_reminders: 催办 before the deadline to the unit's liaisons, then escalation — liaison on the first
day overdue, unit head from day 3, the office from day 7 (TAIZHANG_ESCALATION_DAYS) — each occasion under
one dedup key that stays the same however often the rule runs. A pure rule: it writes nothing."""

from datetime import date, timedelta

import pytest

from taizhang.accounts.models import Role
from taizhang.supervision.models import OrderRecipient
from taizhang.supervision.reminders import due_stages, order_reminders
from taizhang.supervision.services import order_reply
from tests.factories import make_order, make_user
from tests.supervision.conftest import DEADLINE

pytestmark = pytest.mark.django_db


def _day(offset: int) -> date:
    return DEADLINE + timedelta(days=offset)


def _sent(today, unit=None):
    """(stage, recipient's username) of each intent, for ``unit``'s reply when given."""
    intents = order_reminders(today=today)
    return {
        (intent.dedup_key.split(":")[4], intent.recipient.username)
        for intent in intents
        if unit is None or intent.about.unit_id == unit.pk
    }


@pytest.mark.parametrize(
    ("offset", "stages"),
    [
        (-4, []),
        (-3, ["before"]),
        (-1, ["before"]),
        (0, ["before"]),  # due today
        (1, ["liaison"]),  # the first day overdue is day 0
        (3, ["liaison"]),  # day 2
        (4, ["liaison", "unit_head"]),  # day 3
        (7, ["liaison", "unit_head"]),
        (8, ["liaison", "unit_head", "office"]),  # day 7
        (60, ["liaison", "unit_head", "office"]),
    ],
)
def test_each_stage_is_due_from_its_day(settings, offset, stages):
    settings.TAIZHANG_REMINDER_DAYS_BEFORE = 3
    settings.TAIZHANG_ESCALATION_DAYS = {"liaison": 0, "unit_head": 3, "office": 7}
    assert due_stages(DEADLINE, _day(offset)) == stages


def test_before_the_deadline_the_units_liaisons_are_reminded(city, order):
    second = make_user(unit=city.u1, role=Role.LIAISON)
    assert _sent(_day(-4), city.u1) == set()
    assert _sent(_day(-3), city.u1) == {("before", city.liaison1.username), ("before", second.username)}


def test_escalation_reaches_the_head_then_the_office(city, order):
    assert _sent(_day(1), city.u1) == {("liaison", city.liaison1.username)}
    assert _sent(_day(3), city.u1) == {("liaison", city.liaison1.username)}
    assert _sent(_day(4), city.u1) == {
        ("liaison", city.liaison1.username),
        ("unit_head", city.head1.username),
    }
    assert _sent(_day(7), city.u1) == _sent(_day(4), city.u1)
    assert _sent(_day(8), city.u1) == {
        ("liaison", city.liaison1.username),
        ("unit_head", city.head1.username),
        ("office", city.office.username),
    }


def test_the_office_is_the_office_admins_of_the_orders_region_with_one_webhook(city, order):
    second = make_user(role=Role.OFFICE_ADMIN, region=city.region)
    make_user(role=Role.OFFICE_ADMIN, region=city.other_region)  # another city's office: not told
    office = [
        i
        for i in order_reminders(today=_day(9))
        if ":office:" in i.dedup_key and i.about.unit_id == city.u1.pk
    ]
    assert {i.recipient for i in office} == {city.office, second}
    assert [i.webhook for i in office] == [True, False]
    assert {i.kind for i in office} == {"escalation"}


def test_the_dedup_keys_name_the_occasion_and_stay_the_same_across_runs(city, order, r1):
    first = {i.dedup_key for i in order_reminders(today=_day(9))}
    again = {i.dedup_key for i in order_reminders(today=_day(9))}
    later = {i.dedup_key for i in order_reminders(today=_day(20))}
    assert first == again == later
    assert f"order:{order.pk}:unit:{city.u1.pk}:liaison:{city.liaison1.pk}" in first
    assert f"order:{order.pk}:unit:{city.u1.pk}:unit_head:{city.head1.pk}" in first
    assert f"order:{order.pk}:unit:{city.u1.pk}:office:{city.office.pk}" in first
    assert len(first) == len(order_reminders(today=_day(9)))  # one intent per key


def test_the_before_key_is_the_same_on_every_day_of_the_window(city, order):
    keys = [{i.dedup_key for i in order_reminders(today=_day(d))} for d in (-3, -2, -1, 0)]
    assert keys[0] == keys[1] == keys[2] == keys[3]


def test_texts_are_chinese_with_title_unit_deadline_and_link(city, order):
    (intent,) = [i for i in order_reminders(today=_day(4)) if i.recipient == city.head1]
    assert intent.kind == "escalation" and intent.link == f"/supervision/orders/{order.pk}/"
    assert "关于落实公务接待制度的督办单" in intent.subject and "逾期 4 天" in intent.subject
    assert "市发展和改革委员会" in intent.subject
    assert "2021年06月30日" in intent.body and intent.link in intent.body
    (before,) = [i for i in order_reminders(today=_day(-2)) if i.recipient == city.liaison1]
    assert before.kind == "reminder" and "还有 2 天到期" in before.subject


def test_a_unit_that_replied_is_not_reminded(city, order, r1):
    order_reply(actor=city.liaison1, recipient=r1, text="已办理。", expected_version=r1.version)
    assert _sent(_day(9), city.u1) == set()
    assert _sent(_day(9), city.u2)  # the other unit still owes its reply


def test_returned_and_overdue_replies_are_still_owed(city, r1):
    for state in ("returned", "overdue"):
        OrderRecipient.objects.filter(pk=r1.pk).update(state=state)
        assert ("liaison", city.liaison1.username) in _sent(_day(1), city.u1)


def test_drafts_and_closed_orders_send_nothing(city):
    make_order(units=[city.u1], issuer=city.office, state="draft")
    assert order_reminders(today=_day(9)) == []


def test_inactive_accounts_are_not_reminded(city, order):
    city.liaison1.is_active = False
    city.liaison1.save()
    assert _sent(_day(1), city.u1) == set()


def test_the_rule_writes_nothing(city, order, django_assert_num_queries):
    with django_assert_num_queries(3):  # the replies owed, the units' people, the offices
        order_reminders(today=_day(9))


def test_the_message_names_the_replys_state_and_links_to_the_order(city, order):
    intents = [i for i in order_reminders(today=_day(1)) if i.about.unit_id == city.u1.pk]
    assert intents and all(i.link == f"/supervision/orders/{order.pk}/" for i in intents)
    assert all(f"办理情况：待回复\n查看：{i.link}" in i.body for i in intents)
