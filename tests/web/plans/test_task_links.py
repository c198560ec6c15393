"""The task's 上下贯通 page: the upper plan and tasks it carries out, the lower tasks carrying it out that the
reader may see, and for the plan's office a picker bounded to the upper plan's tasks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.plans.cascade.services import plan_set_upper, task_links_set
from taizhang.plans.models import Plan, TaskLink
from taizhang.units.models import Region
from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user
from tests.plans.cascade_world import city_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(district):
    city = district.parent
    east = make_region(name="东区", level=Region.Level.DISTRICT, parent=city)
    w = type("World", (), {})()
    w.city_plan = city_plan(district)
    w.plan = make_plan(region=district, level=Plan.Level.DISTRICT)
    w.east_plan = make_plan(region=east, level=Plan.Level.DISTRICT)
    w.task, w.east_task = w.plan.tasks.first(), w.east_plan.tasks.first()
    w.upper = w.city_plan.tasks.get(number="20")
    make_assignment(task=w.task, unit=make_unit(region=district))
    make_assignment(task=w.east_task, unit=make_unit(region=east))
    make_assignment(task=w.upper, unit=make_unit(region=city))
    w.office = make_user(unit=make_unit(region=district), role=Role.OFFICE_ADMIN, region=district)
    w.leader = make_user(unit=make_unit(region=district), role=Role.LEADER, region=district)
    w.city_office = make_user(unit=make_unit(region=city), role=Role.OFFICE_ADMIN, region=city)
    w.east_office = make_user(unit=make_unit(region=east), role=Role.OFFICE_ADMIN, region=east)
    plan_set_upper(actor=w.office, plan=w.plan, upper=w.city_plan)
    return w


def _page(client, task):
    return client.get(reverse("task_links", args=[task.pk]))


def test_the_office_picks_among_the_upper_plans_tasks_only(client, world):
    client.force_login(world.office)
    response = _page(client, world.task)
    assert response.status_code == 200
    choices = set(response.context["form"].fields["uppers"].queryset)
    assert choices == set(world.city_plan.tasks.all())
    assert world.city_plan.title in response.content.decode()


def test_saving_the_picker_stores_the_links(client, world):
    client.force_login(world.office)
    url = reverse("task_links", args=[world.task.pk])
    assert client.post(url, {"uppers": [world.upper.pk]}).status_code == 302
    assert list(world.task.carries_out.all()) == [world.upper]
    page = _page(client, world.task).content.decode()
    assert "建立完善“三公经费”管理长效机制" in page


def test_a_task_of_another_plan_is_an_invalid_choice(client, world):
    client.force_login(world.office)
    url = reverse("task_links", args=[world.task.pk])
    response = client.post(url, {"uppers": [world.east_task.pk]})
    assert response.status_code == 422 and not TaskLink.objects.exists()


def test_a_reader_sees_the_links_but_cannot_change_them(client, world):
    client.force_login(world.leader)
    assert _page(client, world.task).context["form"] is None
    response = client.post(reverse("task_links", args=[world.task.pk]), {"uppers": [world.upper.pk]})
    assert response.status_code == 403 and not TaskLink.objects.exists()


def test_the_city_sees_every_district_carrying_its_task_out(client, world):
    task_links_set(actor=world.office, task=world.task, uppers=[world.upper])
    task_links_set(actor=world.east_office, task=world.east_task, uppers=[world.upper])
    client.force_login(world.city_office)
    response = _page(client, world.upper)
    assert {t.pk for t in response.context["lowers"]} == {world.task.pk, world.east_task.pk}
    assert reverse("task_detail", args=[world.east_task.pk]) in response.content.decode()
