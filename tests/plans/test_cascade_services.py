"""上下贯通's writes and reads: a plan's upper plan must be of its region or above and published; a task's
upper tasks must be the upper plan's; each write leaves its audit entry; the lower tasks are read along the
region tree (a city sees its districts', a district never another's)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.plans.cascade.selectors import lower_tasks_of, upper_task_choices
from taizhang.plans.cascade.services import plan_set_upper, task_links_accept, task_links_set
from taizhang.plans.cascade.upper import named_upper, upper_plans
from taizhang.plans.codes import PlanCode
from taizhang.plans.models import Plan, TaskLink
from taizhang.units.models import Region
from tests.factories import make_plan, make_region, make_unit, make_user
from tests.plans.cascade_world import CITY_TITLE, city_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(district):
    """测试市's plan above two districts' plans; the province's plan above the city; offices of each."""
    city = district.parent
    east = make_region(name="东区", level=Region.Level.DISTRICT, parent=city)
    w = type("World", (), {})()
    w.city, w.district, w.east = city, district, east
    w.city_plan = city_plan(district)
    w.province_plan = make_plan(region=city.parent, level=Plan.Level.PROVINCE, title="省实施办法")
    w.plan = make_plan(region=district, level=Plan.Level.DISTRICT, status=Plan.Status.DRAFT)
    w.east_plan = make_plan(region=east, level=Plan.Level.DISTRICT)
    w.office = make_user(unit=make_unit(region=district), role=Role.OFFICE_ADMIN, region=district)
    w.east_office = make_user(unit=make_unit(region=east), role=Role.OFFICE_ADMIN, region=east)
    w.city_office = make_user(unit=make_unit(region=city), role=Role.OFFICE_ADMIN, region=city)
    return w


def _task(plan, n=0):
    return plan.tasks.order_by("order")[n]


def test_setting_the_upper_plan_is_audited(world):
    plan_set_upper(actor=world.office, plan=world.plan, upper=world.city_plan)
    world.plan.refresh_from_db()
    assert world.plan.parent_plan == world.city_plan
    event = AuditEvent.objects.get(action="plan.set_upper")
    assert (event.object_id, event.after["parent_plan"]) == (str(world.plan.pk), world.city_plan.pk)


def test_a_plan_of_another_district_is_not_above(world):
    with pytest.raises(Refusal) as refused:
        plan_set_upper(actor=world.office, plan=world.plan, upper=world.east_plan)
    assert refused.value.code == PlanCode.UPPER_NOT_ABOVE
    assert "不属于本级或上级区划" in refused.value.zh
    world.plan.refresh_from_db()
    assert world.plan.parent_plan is None and not AuditEvent.objects.filter(action="plan.set_upper").exists()


def test_a_draft_or_the_plan_itself_is_refused(world):
    draft = make_plan(region=world.city, status=Plan.Status.DRAFT)
    with pytest.raises(Refusal) as refused:
        plan_set_upper(actor=world.office, plan=world.plan, upper=draft)
    assert refused.value.code == PlanCode.UPPER_NOT_PUBLISHED
    plan_set_upper(actor=world.city_office, plan=world.city_plan, upper=world.province_plan)
    with pytest.raises(Refusal) as refused:  # the province's cannot carry out the city's that carries it out
        plan_set_upper(actor=None, plan=world.province_plan, upper=world.city_plan)
    assert refused.value.code == PlanCode.UPPER_NOT_ABOVE


def test_only_the_office_of_the_plans_region_sets_it(world):
    with pytest.raises(PermissionDenied):
        plan_set_upper(actor=world.east_office, plan=world.plan, upper=world.city_plan)


def test_a_task_links_only_to_tasks_of_its_upper_plan(world):
    plan_set_upper(actor=world.office, plan=world.plan, upper=world.city_plan)
    task = _task(world.plan)
    with pytest.raises(Refusal) as refused:
        task_links_set(actor=world.office, task=task, uppers=[_task(world.province_plan)])
    assert refused.value.code == PlanCode.LINK_OUTSIDE_UPPER
    with pytest.raises(Refusal):  # another district's task: unrelated
        task_links_set(actor=world.office, task=task, uppers=[_task(world.east_plan)])
    assert not TaskLink.objects.exists()
    uppers = [_task(world.city_plan, 0), _task(world.city_plan, 4)]
    assert task_links_set(actor=world.office, task=task, uppers=uppers) == {"added": 2, "removed": 0}
    assert task_links_set(actor=world.office, task=task, uppers=uppers[1:]) == {"added": 0, "removed": 1}
    assert list(task.carries_out.all()) == uppers[1:]
    events = AuditEvent.objects.filter(action="task.set_links").order_by("pk")
    assert [e.after["carries_out"] for e in events] == [[u.pk for u in uppers], [uppers[1].pk]]


def test_without_an_upper_plan_any_published_plan_above_may_be_carried_out(world):
    choices = set(upper_task_choices(task=_task(world.plan)).values_list("plan_id", flat=True))
    assert choices == {world.city_plan.pk, world.province_plan.pk}


def test_changing_the_upper_plan_drops_links_to_the_old_ones_tasks(world):
    task = _task(world.plan)
    task_links_set(actor=world.office, task=task, uppers=[_task(world.province_plan)])
    plan_set_upper(actor=world.office, plan=world.plan, upper=world.city_plan)
    assert not TaskLink.objects.exists()
    assert AuditEvent.objects.get(action="plan.set_upper").after["links_removed"] == 1


def test_accepting_in_bulk_adds_once_and_is_audited_on_the_plan(world):
    plan_set_upper(actor=world.office, plan=world.plan, upper=world.city_plan)
    a, b = _task(world.plan, 0), _task(world.plan, 1)
    links = {a.pk: [_task(world.city_plan, 0).pk], b.pk: [_task(world.city_plan, 1).pk]}
    assert task_links_accept(actor=world.office, plan=world.plan, links=links) == 2
    assert task_links_accept(actor=world.office, plan=world.plan, links=links) == 0
    assert AuditEvent.objects.filter(action="plan.accept_links").count() == 2
    with pytest.raises(Refusal):  # a task of another plan
        task_links_accept(actor=world.office, plan=world.plan, links={_task(world.east_plan).pk: []})


def test_the_nearest_plan_the_preamble_names_is_suggested(world):
    plans = upper_plans(world.district)
    assert plans[0].region == world.city and world.plan not in plans  # a draft is never offered
    titles = ["建立健全惩治和预防腐败体系2020—2024年工作规划", "省实施办法", f" {CITY_TITLE} "]
    assert named_upper(plans, titles) == world.city_plan
    assert named_upper(plans, ["省实施办法"]) == world.province_plan
    assert named_upper(plans, ["另一个文件"]) is None


def test_lower_tasks_are_read_along_the_region_tree(world):
    upper = _task(world.city_plan)
    for office, plan in ((world.office, world.plan), (world.east_office, world.east_plan)):
        task_links_set(actor=office, task=_task(plan), uppers=[upper])
    Plan.objects.filter(pk=world.plan.pk).update(status=Plan.Status.PUBLISHED, published_at=timezone.now())
    seen_by_city = {t.plan for t in lower_tasks_of(user=world.city_office, task=upper)}
    assert seen_by_city == {world.plan, world.east_plan}
    assert {t.plan for t in lower_tasks_of(user=world.office, task=upper)} == {world.plan}
    assert {t.plan for t in lower_tasks_of(user=world.east_office, task=upper)} == {world.east_plan}
