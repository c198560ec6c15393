"""Which plans and tasks a user reads (plans.selectors), region by region and line by line."""

import contextlib

import pytest
from django.http import Http404

from taizhang.accounts.models import Role
from taizhang.plans.models import Plan
from taizhang.plans.selectors import plan_get, plan_list, plan_task_list
from taizhang.units.models import Region
from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


def test_province_inspector_reads_the_plans_of_the_cities_below():
    province = make_region(level=Region.Level.PROVINCE)
    city_plan = make_plan(region=make_region(parent=province))
    inspector = make_user(role=Role.INSPECTOR, region=province)
    assert list(plan_list(user=inspector)) == [city_plan]


def test_city_inspector_does_not_read_the_provinces_plan():
    province = make_region(level=Region.Level.PROVINCE)
    make_plan(region=province, level=Plan.Level.PROVINCE)
    inspector = make_user(role=Role.INSPECTOR, region=make_region(parent=province))
    assert not plan_list(user=inspector).exists()


def test_liaison_reads_a_plan_through_their_units_line_only():
    line = make_assignment()
    liaison = make_user(unit=line.unit, role=Role.LIAISON)
    bystander = make_user(unit=make_unit(region=line.unit.region), role=Role.LIAISON)
    assert plan_get(user=liaison, pk=line.task.plan_id) == line.task.plan
    with pytest.raises(Http404):
        plan_get(user=bystander, pk=line.task.plan_id)


def test_national_plan_is_read_through_lines_only():
    unit = make_unit()
    national = make_plan()
    Plan.objects.filter(pk=national.pk).update(level=Plan.Level.NATIONAL, region=None)  # 中央: no region
    make_assignment(task=national.tasks.first(), unit=unit)
    assert list(plan_list(user=make_user(unit=unit, role=Role.LIAISON))) == [national]
    assert list(plan_list(user=make_user(role=Role.OFFICE_ADMIN, region=unit.region))) == [national]
    assert not plan_list(user=make_user(role=Role.OFFICE_ADMIN, region=make_region())).exists()


def test_draft_plan_is_read_by_its_regions_office_only():
    region = make_region()
    draft = make_plan(region=region, status=Plan.Status.DRAFT)
    assert list(plan_list(user=make_user(role=Role.OFFICE_ADMIN, region=region))) == [draft]
    assert not plan_list(user=make_user(role=Role.LEADER, region=region)).exists()


def test_tasks_carry_only_the_lines_the_user_may_read():
    region = make_region()
    plan = make_plan(region=region, tasks_per_section=2)
    first, second = plan.tasks.order_by("order")
    mine = make_assignment(task=first, unit=make_unit(region=region))
    make_assignment(task=first, unit=make_unit(region=region), role="cooperating")
    make_assignment(task=second, unit=make_unit(region=region))
    liaison = make_user(unit=mine.unit, role=Role.LIAISON)

    tasks = list(plan_task_list(user=liaison, plan=plan))
    assert [t.pk for t in tasks] == [first.pk]
    # A lead unit reads its cooperating units' lines of the tasks it leads (ledger.selectors).
    assert {a.unit_id for a in tasks[0].visible_assignments} == set(
        first.assignments.values_list("unit_id", flat=True)
    )

    leader = make_user(role=Role.LEADER, region=region)
    assert [len(t.visible_assignments) for t in plan_task_list(user=leader, plan=plan)] == [2, 1]


def test_plan_get_opens_exactly_the_plans_plan_list_holds():
    """plan_get decides on the plan itself for those who cover its region (``_by_region``) and asks the
    database otherwise: every plan, in every state, for people of every kind of reach, as plan_list says."""
    province = make_region(level=Region.Level.PROVINCE)
    city = make_region(parent=province)
    other = make_region(level=Region.Level.PROVINCE)
    plans = [
        make_plan(region=region, status=status)
        for region in (province, city, other)
        for status in Plan.Status.values
    ]
    line = make_assignment(task=plans[-1].tasks.first(), unit=make_unit(region=city))  # other's, city's unit
    people = [
        make_user(role=Role.OFFICE_ADMIN, region=province),
        make_user(role=Role.OFFICE_ADMIN, region=city),
        make_user(role=Role.LEADER, region=province),
        make_user(role=Role.INSPECTOR, region=city),
        make_user(unit=line.unit, role=Role.LIAISON),
        make_user(unit=make_unit(region=city), role=Role.LIAISON),
    ]
    opened = {}
    for person in people:
        opened[person] = set()
        for plan in plans:
            with contextlib.suppress(Http404):
                opened[person].add(plan_get(user=person, pk=plan.pk).pk)
        assert opened[person] == set(plan_list(user=person).values_list("pk", flat=True)), person.username
    assert plans[-1].pk in opened[people[4]]  # through the liaison's line, not a region
    assert opened[people[5]] == set()
    # The province's office: its own and the city's plans, drafts too, and the other province's plan
    # through its city unit's line.
    assert len(opened[people[0]]) == 9
    with pytest.raises(Http404):
        plan_get(user=people[0], pk=max(p.pk for p in plans) + 1)
