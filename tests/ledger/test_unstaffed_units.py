"""无人填报的单位: units with lines on a published plan and no active liaison, for the office of their region
(on its plan list, linked to the unit's lines) and for the system administrator (on the onboarding page)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.ledger.unstaffed import units_without_liaison
from taizhang.plans.models import Plan
from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user


@pytest.fixture
def world(db):
    region = make_region(name="丙市")
    office_unit = make_unit(region=region, name="丙市纪委")
    staffed, unstaffed, idle = (make_unit(region=region, name=n) for n in ("有人局", "无人局", "无任务局"))
    gone = make_unit(region=region, name="离职局")
    plan = make_plan(region=region)
    draft = make_plan(region=region, status=Plan.Status.DRAFT)
    task = plan.tasks.first()
    for unit in (staffed, unstaffed, gone, office_unit):
        make_assignment(task=task, unit=unit)
    make_assignment(task=draft.tasks.first(), unit=idle)  # a draft's line: nobody reports on it yet
    make_user(unit=staffed, role=Role.LIAISON)
    make_user(unit=office_unit, role=Role.LIAISON)
    left = make_user(unit=gone, role=Role.LIAISON)
    left.is_active = False
    left.save()
    make_user(unit=unstaffed, role=Role.UNIT_HEAD)  # a head does not report
    other = make_region(name="丁市")
    make_assignment(unit=make_unit(region=other, name="丁市无人局"))
    return {
        "plan": plan,
        "unstaffed": unstaffed,
        "gone": gone,
        "office": make_user(unit=office_unit, role=Role.OFFICE_ADMIN, region=region),
        "admin": make_user(unit=office_unit, role=Role.SYSTEM_ADMIN, region=region),
    }


def test_units_with_published_lines_and_no_active_liaison_are_listed(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        found = units_without_liaison(user=world["office"], role=Role.OFFICE_ADMIN)
    assert [item.unit.name for item in found] == ["无人局", "离职局"]  # in the unit list's order
    assert found[0].plan_id == world["plan"].pk and found[0].lines == 1


def test_the_office_sees_them_on_its_plan_list_linked_to_the_units_lines(world):
    client = Client()
    client.force_login(world["office"])
    body = client.get(reverse("plan_list")).content.decode()
    assert "无人填报的单位" in body and "丁市无人局" not in body
    assert f"{reverse('plan_ledger', args=[world['plan'].pk])}?unit={world['unstaffed'].pk}" in body


def test_the_system_administrator_sees_them_on_the_onboarding_page(world):
    client = Client()
    client.force_login(world["admin"])
    body = client.get(reverse("onboarding_import")).content.decode()
    assert "无人填报的单位" in body and "无人局" in body and "丁市无人局" not in body
