"""``taizhang import_plan … --carries-out PLAN_ID [--accept-links]``: the new plan names its upper plan and
takes the best suggested link of each task; a bad PLAN_ID or a plan not above stops with a Chinese message
before anything is written."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from taizhang.plans.models import Plan, TaskLink
from taizhang.units.models import Region
from tests.factories import make_plan, make_region
from tests.plans.cascade_world import city_plan
from tests.plans.conftest import SEED_004

pytestmark = pytest.mark.django_db

SEED = (
    SEED_004,
    "--region",
    "测试区",
    "--period",
    "2020-2024",
    "--create-units",
    "--wildcard",
    "有关单位=none",
)


def _run(*args):
    call_command("import_plan", *map(str, args))


@pytest.fixture
def city(district):
    return city_plan(district)


@pytest.mark.parametrize("plan_id", ["999999", "abc", "-1"])
def test_an_unknown_plan_id_stops_with_exit_1_and_writes_nothing(district, city, plan_id):
    with pytest.raises(CommandError) as caught:
        _run(*SEED, "--carries-out", plan_id)
    assert "没有这个编号的方案" in str(caught.value) and caught.value.returncode == 1
    assert Plan.objects.count() == 1


def test_a_plan_of_another_district_is_not_above_and_nothing_is_written(district, city):
    east = make_region(name="东区", level=Region.Level.DISTRICT, parent=district.parent)
    other = make_plan(region=east, level=Plan.Level.DISTRICT)
    with pytest.raises(CommandError) as caught:
        _run(*SEED, "--carries-out", other.pk)
    assert "不属于本级或上级区划" in str(caught.value)
    assert Plan.objects.count() == 2


def test_carries_out_and_accept_links_store_the_upper_plan_and_the_best_links(district, city, capsys):
    _run(*SEED, "--carries-out", city.pk, "--accept-links")
    plan = Plan.objects.get(region=district)
    assert plan.parent_plan == city
    links = TaskLink.objects.filter(task__plan=plan)
    assert 20 <= links.count() <= 30 and {link.upper.plan_id for link in links} == {city.pk}
    three_public = links.get(task__number="62")  # 建立完善“三公经费”管理长效机制 → the city's 20
    assert three_public.upper.number == "20"
    assert f"上级方案 {city.pk}" in capsys.readouterr().out


def test_accept_links_alone_takes_the_upper_plan_the_preamble_names(district, city):
    _run(*SEED, "--accept-links")
    assert Plan.objects.get(region=district).parent_plan == city


def test_carries_out_alone_links_no_task(district, city):
    _run(*SEED, "--carries-out", city.pk)
    assert Plan.objects.get(region=district).parent_plan == city and not TaskLink.objects.exists()
