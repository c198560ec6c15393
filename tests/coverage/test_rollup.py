"""dashboard.rollup: child regions side by side for a year, a region's own units one level down, the
district that sees only itself, and a query count flat in the number of regions."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from taizhang.accounts.models import Role
from taizhang.assessment.models import AssessedUnit, Assessment
from taizhang.dashboard.rollup import OWN, rollup
from taizhang.rectification.models import RectState
from tests.coverage.world import build, office
from tests.factories import (
    make_assignment,
    make_finding,
    make_plan,
    make_rectification,
    make_region,
    make_standard_version,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db
TODAY = date(2021, 6, 1)


@pytest.fixture
def world():
    return build()


def _rows(figures):
    return {row.name: row for row in figures.rows}


def test_a_province_sees_its_cities_side_by_side_with_their_districts_rolled_in(world):
    figures = rollup(user=office(world.province, Role.LEADER), year=2021, today=TODAY)
    assert figures.region == world.province and not figures.units
    rows = _rows(figures)
    assert list(rows) == ["乙市", "甲市"]  # the province's own units have no line: no 本级 row
    # 甲市: its two lines and 甲一区's one; one accepted as done
    assert (rows["甲市"].lines, rows["甲市"].completed, rows["甲市"].rate) == (3, 1, 33.3)
    assert rows["甲市"].lights["done"] == 1 and sum(rows["甲市"].lights.values()) == 3
    assert rows["乙市"].lines == 0 and rows["乙市"].rate is None


def test_findings_rectification_and_the_published_assessment_per_region(world):
    unit = make_unit(region=world.district_a1)
    make_finding(unit=unit, found_on=date(2021, 5, 1))
    make_finding(unit=unit, found_on=date(2020, 5, 1))  # another year
    make_rectification(unit=unit, deadline=date(2021, 9, 30))
    closed = {"state": RectState.CLOSED, "closed_at": timezone.now(), "closed_by": make_user()}
    make_rectification(unit=unit, deadline=date(2021, 3, 31), **closed)
    assessment = Assessment.objects.create(
        region=world.city_a, year=2021, title="甲市2021年度考核", standard_version=make_standard_version(),
        state=Assessment.State.PUBLISHED, published_at=timezone.now(), created_by=make_user(),
    )  # fmt: skip
    AssessedUnit.objects.create(assessment=assessment, unit=unit, total=Decimal("90"), grade="excellent")
    other = make_unit(region=world.city_a)
    AssessedUnit.objects.create(assessment=assessment, unit=other, total=Decimal("80"), grade="good")
    row = _rows(rollup(user=office(world.province), year=2021, today=TODAY))["甲市"]
    assert (row.findings, row.rect_open, row.rect_closed) == (1, 1, 1)
    assert (row.score, row.assessment) == (Decimal("85.0"), "优秀 1 良好 1")


def test_a_region_drills_down_to_its_districts_and_its_own_units(world):
    user = office(world.province)
    districts = _rows(rollup(user=user, year=2021, today=TODAY, region_id=world.city_a.pk))
    assert list(districts) == ["甲市", "甲一区", "甲二区"]
    assert districts["甲市"].kind == OWN and districts["甲市"].lines == 2
    units = rollup(user=user, year=2021, today=TODAY, region_id=world.city_a.pk, units=True)
    assert units.units and all(row.kind == "unit" for row in units.rows)
    lines = {r.name: (r.lines, r.completed) for r in units.rows if r.lines}
    assert lines == {"甲市纪委": (1, 1), "甲市财政局": (1, 0)}


def test_a_district_sees_only_itself_and_never_a_sibling(world):
    user = office(world.district_a2, Role.LEADER)
    figures = rollup(user=user, year=2021, today=TODAY)
    assert figures.region == world.district_a2 and figures.units  # a district has no region below: its units
    assert all(row.kind == "unit" for row in figures.rows)
    for other in (world.district_a1, world.city_a, world.province):
        with pytest.raises(Http404):
            rollup(user=user, year=2021, today=TODAY, region_id=other.pk)


def _province_with(cities: int):
    province = make_region(level="province")
    for _ in range(cities):
        city = make_region(parent=province)
        task = make_plan(region=city).tasks.first()
        unit = make_unit(region=make_region(parent=city, level="district"))
        make_assignment(task=task, unit=unit)
        make_finding(unit=unit, found_on=date(2021, 5, 1))
    return province


def test_queries_do_not_grow_with_the_number_of_regions():
    counts = []
    for cities in (2, 6):
        user = office(_province_with(cities))
        rollup(user=user, year=2021, today=TODAY)  # the user's scope is read once per request
        with CaptureQueriesContext(connection) as queries:
            figures = rollup(user=user, year=2021, today=TODAY)
        assert [row.lines for row in figures.rows] == [1] * cities
        counts.append(len(queries))
    assert counts[0] == counts[1]
