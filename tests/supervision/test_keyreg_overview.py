"""keyreg_overview: the responsible units of the year (a line on a plan running that year), those short of
the minimum, and for each named regulation whether an inspection of the year covered it or a finding
named it. A covert inspection not yet published counts for the office side of its region only (office
admins, leaders, inspectors with a region grant)."""

from datetime import date

import pytest

from taizhang.accounts.models import Role
from taizhang.supervision.keyregs import keyreg_overview
from taizhang.supervision.models import KeyRegulation
from tests.factories import (
    make_assignment,
    make_finding,
    make_inspection,
    make_plan,
    make_regulation,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2021(city, settings):
    """U1 named two regulations (one inspected by an open inspection, one named by a finding), U2 one; a
    unit without lines is not responsible. A covert, unpublished inspection covers U2's."""
    settings.TAIZHANG_KEY_REGULATIONS_MIN = 2
    plan = make_plan(region=city.region, period_start=2021, period_end=2025)
    make_assignment(task=plan.tasks.first(), unit=city.u1)
    make_assignment(task=plan.tasks.first(), unit=city.u2, role="cooperating")
    make_unit(region=city.region, name="无台账的单位")
    a, b, c = (make_regulation(title=t, region=city.region) for t in ("接待办法", "采购办法", "用车办法"))
    for unit, regulation in ((city.u1, a), (city.u1, b), (city.u2, c)):
        KeyRegulation.objects.create(unit=unit, year=2021, regulation=regulation, named_by=city.liaison1)
    open_one = make_inspection(region=city.region, units=[city.u1], start_date=date(2021, 5, 10))
    open_one.regulations.add(a)
    make_finding(
        inspection=make_inspection(region=city.region, start_date=date(2021, 6, 1)),
        unit=city.u1,
        regulation=b,
    )
    make_inspection(region=city.region, kind="covert", start_date=date(2021, 6, 2)).regulations.add(c)
    old = make_inspection(region=city.region, start_date=date(2020, 6, 1))  # another year: does not count
    old.regulations.add(c)
    return a, b, c


def _summary(rows):
    return {
        row.unit.name: (row.enough, {item.regulation.title: item.inspected for item in row.named})
        for row in rows
    }


def test_units_short_of_the_minimum_and_inspected_regulations_for_the_office(city, year_2021):
    assert _summary(keyreg_overview(user=city.office, year=2021)) == {
        "市发展和改革委员会": (True, {"接待办法": True, "采购办法": True}),
        "市财政局": (False, {"用车办法": True}),  # the covert inspection counts for the office
    }


def test_a_covert_unpublished_inspection_counts_for_the_regions_leader(city, year_2021):
    assert _summary(keyreg_overview(user=city.leader, year=2021))["市财政局"] == (False, {"用车办法": True})


def test_it_does_not_count_for_a_leader_granted_on_one_unit(city, year_2021):
    unit_leader = make_user(unit=city.u2, role=Role.LEADER)
    assert _summary(keyreg_overview(user=unit_leader, year=2021)) == {
        "市财政局": (False, {"用车办法": False})
    }


def test_a_year_without_a_running_plan_has_no_responsible_units(city, year_2021):
    assert keyreg_overview(user=city.office, year=2020) == []


def test_another_citys_office_sees_none_of_it(city, year_2021):
    assert keyreg_overview(user=city.far_office, year=2021) == []


def test_the_overview_costs_the_same_for_more_units(city, year_2021, django_assert_max_num_queries):
    plan = make_plan(region=city.region)
    for _ in range(10):
        make_assignment(task=plan.tasks.first(), unit=make_unit(region=city.region))
    with django_assert_max_num_queries(8):
        assert len(keyreg_overview(user=city.office, year=2021)) == 12
