"""plans.coverage: covered and missing regions per task, the lower lines' progress, the region × section
map, scope along the region tree, and a query count flat in the number of regions."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.plans.coverage import coverage, coverage_all
from tests.coverage.world import build, link, office
from tests.factories import make_assignment, make_plan, make_region, make_unit

pytestmark = pytest.mark.django_db
TODAY = date(2021, 6, 1)


@pytest.fixture
def world():
    return build()


def _names(regions):
    return [r.name for r in regions]


def _by_number(cov):
    return {(row.section, row.task.number): row for row in cov.tasks}


def test_each_task_lists_the_regions_carrying_it_out_and_the_child_regions_missing(world):
    rows = _by_number(coverage(user=office(world.province), plan=world.plan, today=TODAY))
    t1, t2, t3, t4 = (
        rows["一 第1部分", "1"],
        rows["一 第1部分", "2"],
        rows["二 第2部分", "1"],
        rows["二 第2部分", "2"],
    )
    # t1: 乙市, 甲市 itself and 甲一区 through 甲市's task (a chain of links); regions by name, each child
    # region before the regions below it
    assert _names(c.region for c in t1.covered) == ["乙市", "甲市", "甲一区"] and t1.missing == []
    assert _names(c.region for c in t2.covered) == ["甲市"] and _names(t2.missing) == ["乙市"]
    # a district carrying out the province's task directly covers its city: no 缺项 for 甲市
    assert _names(c.region for c in t3.covered) == ["甲一区"] and _names(t3.missing) == ["乙市"]
    assert t4.covered == [] and _names(t4.missing) == ["乙市", "甲市"]


def test_progress_rolls_up_the_covering_lines_of_each_region(world):
    t1 = coverage(user=office(world.province), plan=world.plan, today=TODAY).tasks[0]
    by_region = {c.region.name: c for c in t1.covered}
    assert (
        by_region["甲市"].tally.lines,
        by_region["甲市"].tally.completed,
        by_region["甲市"].tally.rate,
    ) == (2, 1, 50.0)
    assert (by_region["甲一区"].tally.lines, by_region["甲一区"].tally.rate) == (1, 0.0)
    assert (by_region["乙市"].tally.lines, by_region["乙市"].tally.rate) == (0, None)
    assert by_region["甲市"].plans == {world.city_a_plan.pk: "甲市分解意见"}


def test_the_map_counts_covered_tasks_per_child_region_and_section(world):
    cov = coverage(user=office(world.province), plan=world.plan, today=TODAY)
    assert cov.sections == ["一 第1部分", "二 第2部分"]
    cells = {region.name: [(c.covered, c.total) for c in row] for region, row in cov.matrix}
    assert cells == {"乙市": [(1, 2), (0, 2)], "甲市": [(2, 2), (1, 2)]}
    assert len(cov.gaps) == 4  # t2 乙市, t3 乙市, t4 乙市 and 甲市


def test_a_city_sees_its_own_branch_and_never_its_sibling(world):
    cov = coverage(user=office(world.city_a), plan=world.plan, today=TODAY)
    assert _names(cov.children) == ["甲市"]
    seen = {c.region.name for row in cov.tasks for c in row.covered} | {region.name for _, region in cov.gaps}
    assert "乙市" not in seen


def test_a_district_never_sees_another_district_of_its_city(world):
    cov = coverage(user=office(world.district_a2), plan=world.city_a_plan, today=TODAY)
    assert _names(cov.children) == ["甲二区"]
    assert all(row.covered == [] for row in cov.tasks)  # 甲一区's plan is not the district's to see
    assert {region.name for _, region in cov.gaps} == {"甲二区"}


def test_a_reader_covering_no_region_below_the_plan_is_refused(world):
    with pytest.raises(PermissionDenied):  # 乙一区 lies under 乙市, not under 甲市's plan
        coverage(user=office(world.district_b1), plan=world.city_a_plan, today=TODAY)


def test_system_work_sees_every_region(world):
    cov = coverage_all(plan=world.city_a_plan, today=TODAY)
    assert _names(cov.children) == ["甲一区", "甲二区"]
    assert _names(c.region for c in cov.tasks[0].covered) == ["甲一区"]
    assert _names(cov.tasks[0].missing) == ["甲二区"]


def _province_with(cities: int):
    province = make_region(level="province")
    plan = make_plan(region=province, level="province", sections=2)
    uppers = list(plan.tasks.all())
    for _ in range(cities):
        city = make_region(parent=province)
        lower = make_plan(region=city)
        for task, upper in zip(lower.tasks.all(), uppers, strict=False):
            link(task, upper)
            make_assignment(task=task, unit=make_unit(region=city))
        make_region(parent=city, level="district")
    return province, plan


def test_queries_do_not_grow_with_the_number_of_regions():
    counts = []
    for cities in (2, 6):
        province, plan = _province_with(cities)
        user = office(province)
        coverage(user=user, plan=plan, today=TODAY)  # the user's scope is read once per request
        with CaptureQueriesContext(connection) as queries:
            cov = coverage(user=user, plan=plan, today=TODAY)
        assert len(cov.children) == cities
        counts.append(len(queries))
    assert counts[0] == counts[1]
