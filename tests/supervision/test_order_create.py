"""order_create: the office drafts a 督办单 to units of its region, about tasks or a topic, due today or
later. A refusal saves nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.supervision.models import OrderRecipient, SupervisionOrder
from taizhang.supervision.services import order_create
from tests.factories import make_plan, make_region, make_unit
from tests.language import chinese_only

pytestmark = pytest.mark.django_db


def _create(city, **overrides):
    fields = {
        "actor": city.office,
        "title": "关于落实公务接待制度的督办单",
        "requirement": "请于6月底前报送落实情况。",
        "deadline": date(2021, 6, 30),
        "units": [city.u1, city.u2],
        "topic": "公务接待",
    } | overrides
    return order_create(**fields)


def test_the_office_drafts_an_order_with_a_recipient_per_unit(city):
    order = _create(city, priority="urgent")
    assert order.state == SupervisionOrder.State.DRAFT and order.issued_at is None
    assert order.region == city.region and order.issuer == city.office and order.priority == "urgent"
    assert set(order.recipients.values_list("unit", "state")) == {
        (city.u1.pk, "pending"),
        (city.u2.pk, "pending"),
    }
    event = AuditEvent.objects.get(action="order.create")
    assert event.actor == city.office and event.after["units"] == sorted([city.u1.pk, city.u2.pk])


def test_an_order_about_tasks_of_a_published_plan_needs_no_topic(city):
    task = make_plan(region=city.region).tasks.first()
    order = _create(city, topic="", tasks=[task])
    assert list(order.tasks.all()) == [task]


def test_a_deadline_in_the_past_is_refused_and_nothing_is_saved(city):
    with pytest.raises(Refusal) as refused:
        _create(city, deadline=date(2021, 6, 19))
    assert refused.value.code == "deadline_past" and "不能早于今天" in str(refused.value)
    assert not SupervisionOrder.objects.exists() and not OrderRecipient.objects.exists()
    assert not AuditEvent.objects.filter(action="order.create").exists()


def test_a_deadline_of_today_is_taken(city):
    assert _create(city, deadline=date(2021, 6, 20)).deadline == date(2021, 6, 20)


def test_units_of_another_region_are_refused(city):
    with pytest.raises(Refusal) as refused:
        _create(city, units=[city.u1, city.far])
    assert refused.value.code == "unit_out_of_scope" and city.far.name in str(refused.value)
    assert not SupervisionOrder.objects.exists()


def test_units_of_a_district_below_the_city_are_taken(city):
    district = make_region(name="咸安区", level="district", parent=city.region)
    unit = make_unit(region=district)
    assert _create(city, units=[unit]).recipients.get().unit == unit


def test_an_order_without_units_is_refused(city):
    with pytest.raises(Refusal, match="承办单位"):
        _create(city, units=[])


def test_an_order_without_tasks_or_topic_is_refused(city):
    with pytest.raises(Refusal) as refused:
        _create(city, topic="  ")
    assert refused.value.code == "no_subject"


def test_tasks_of_another_regions_plan_are_refused(city):
    task = make_plan(region=city.other_region).tasks.first()
    with pytest.raises(Refusal) as refused:
        _create(city, tasks=[task])
    assert refused.value.code == "task_out_of_scope"


def test_tasks_of_a_draft_plan_are_refused(city):
    task = make_plan(region=city.region, status="draft").tasks.first()
    with pytest.raises(Refusal):
        _create(city, tasks=[task])


@pytest.mark.parametrize("field", ["title", "requirement"])
def test_a_blank_title_or_requirement_is_refused(city, field):
    with pytest.raises(Refusal) as refused:
        _create(city, **{field: "   "})
    assert refused.value.code == "required"


def test_an_unknown_priority_is_refused(city):
    with pytest.raises(Refusal):
        _create(city, priority="asap")


@pytest.mark.parametrize("who", ["leader", "inspector", "liaison1", "head1", "far_office"])
def test_only_the_office_of_the_region_drafts_orders(city, who):
    with pytest.raises(PermissionDenied) as refused:
        _create(city, actor=getattr(city, who), region=city.region)
    assert chinese_only(str(refused.value))
    assert not SupervisionOrder.objects.exists()
