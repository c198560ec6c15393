"""明查暗访 coverage: per unit and year, the inspections held (started) that named it, open and covert,
against TAIZHANG_INSPECTIONS_MIN_PER_YEAR; a reader counts only the inspections they may read."""

from datetime import date

import pytest

from taizhang.inspections.coverage import inspection_coverage
from taizhang.inspections.models import Inspection
from tests.inspections.world import advance, plan

pytestmark = pytest.mark.django_db
State = Inspection.State


@pytest.fixture
def year_2021(city):
    """In 2021: an open inspection of A and B held, a covert one of A held and unpublished, a covert one
    of B published, one of A still only planned; in 2020 an open one of B."""
    advance(city, plan(city), State.DONE)
    advance(city, plan(city, kind="covert", units=[city.a]), State.DONE)
    advance(city, plan(city, kind="covert", units=[city.b]), State.PUBLISHED)
    plan(city, units=[city.a])  # planned: not held yet
    advance(city, plan(city, units=[city.b], start_date=date(2020, 6, 1)), State.IN_PROGRESS)


def _rows(coverage):
    return {row.unit.name: (row.open, row.covert, row.total, row.shortfall) for row in coverage.rows}


def test_the_office_counts_every_held_inspection_per_unit(city, year_2021, settings):
    settings.TAIZHANG_INSPECTIONS_MIN_PER_YEAR = 3
    coverage = inspection_coverage(user=city.admin, year=2021)
    rows = _rows(coverage)
    assert rows["市发展和改革委员会"] == (1, 1, 2, 1)
    assert rows["市财政局"] == (1, 1, 2, 1)
    assert rows["市纪委惩防办"] == (0, 0, 0, 3)
    assert (coverage.open, coverage.covert) == (1, 2)  # each inspection once, however many units
    assert len(coverage.short) == 3


def test_a_year_counts_only_its_own_inspections(city, year_2021):
    rows = _rows(inspection_coverage(user=city.admin, year=2020))
    assert rows["市财政局"][:3] == (1, 0, 1) and rows["市发展和改革委员会"][:3] == (0, 0, 0)


def test_meeting_the_minimum_leaves_no_shortfall(city, year_2021, settings):
    settings.TAIZHANG_INSPECTIONS_MIN_PER_YEAR = 1
    coverage = inspection_coverage(user=city.admin, year=2021)
    assert [row.unit.name for row in coverage.short] == ["市纪委惩防办"]


def test_a_unit_sees_its_own_row_without_an_unpublished_covert_visit(city, year_2021):
    coverage = inspection_coverage(user=city.liaison_a, year=2021)
    assert _rows(coverage) == {"市发展和改革委员会": (1, 0, 1, 0)}
    assert (coverage.open, coverage.covert) == (1, 0)
    assert _rows(inspection_coverage(user=city.head_b, year=2021)) == {"市财政局": (1, 1, 2, 0)}


def test_another_region_counts_nothing_of_this_one(city, year_2021):
    coverage = inspection_coverage(user=city.admin_x, year=2021)
    assert (coverage.open, coverage.covert) == (0, 0)
    assert all(row.total == 0 for row in coverage.rows)
