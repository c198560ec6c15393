"""dashboard.rollup_snapshot: the 地区汇总快照 gives the regions' rows the live roll-up would, the page says
when it was taken, the tick refreshes this year each time and last year once a day, replacing the year's
rows."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from taizhang.accounts.models import Role
from taizhang.dashboard.models import UnitYearSummary
from taizhang.dashboard.rollup import rollup
from taizhang.dashboard.rollup_snapshot import rollup_refresh, rollup_snapshot_step
from taizhang.jobs import steps
from taizhang.plans.models import Plan
from taizhang.rectification.models import RectState
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.units.models import Unit
from tests.coverage.world import build, office
from tests.factories import (
    make_assignment,
    make_finding,
    make_plan,
    make_rectification,
    make_report,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db
TODAY = date(2021, 6, 1)


def _figures(result):
    return [
        (r.name, r.kind, r.lines, r.completed, r.overdue, dict(r.lights), r.expected, r.on_time, r.sent,
         r.findings, r.rect_open, r.rect_closed, r.score, r.assessment)
        for r in result.rows
    ]  # fmt: skip


@pytest.fixture
def world():
    """The coverage world with every figure at work: a late line, a line reported late, reports on time
    and late, a draft plan's line (counted nowhere), findings and rectification items."""
    w = build()
    unit = make_unit(region=w.district_a1, name="甲一区财政局")
    task = w.district_a1_plan.tasks.order_by("order").last()
    make_assignment(task=task, unit=unit, deadline=date(2021, 5, 1))  # 逾期: red
    late = make_assignment(task=task, unit=make_unit(region=w.city_b, name="乙市教育局"))
    make_report(assignment=late, status=ProgressReport.Status.OVERDUE, review_state=ReviewState.ACCEPTED)
    make_report(assignment=late, late=True, period_start=date(2020, 10, 1), period_end=date(2020, 12, 31))
    draft = make_plan(region=w.city_b, status=Plan.Status.DRAFT)
    make_assignment(task=draft.tasks.first(), unit=make_unit(region=w.district_b1))
    make_finding(unit=unit, found_on=date(2021, 5, 1))
    make_rectification(unit=unit, deadline=date(2021, 9, 30))
    closed = {"state": RectState.CLOSED, "closed_at": timezone.now(), "closed_by": make_user()}
    make_rectification(unit=make_unit(region=w.province), deadline=date(2021, 3, 31), **closed)
    return w


def test_the_snapshot_gives_every_view_the_figures_counted_live(world):
    assert rollup_refresh(year=2021, today=TODAY) == Unit.objects.count()  # every unit, with zeros too
    for user, region, units in (
        (office(world.province, Role.LEADER), None, False),
        (office(world.province), world.city_a, False),
        (office(world.province), world.city_a, True),
        (office(world.city_b), world.city_b, True),
        (office(world.city_a, Role.LEADER), None, False),
        (office(world.district_a1, Role.LEADER), None, False),  # a district: its units
    ):
        view = {"user": user, "year": 2021, "today": TODAY, "region_id": region and region.pk, "units": units}
        saved, live = rollup(**view), rollup(**view, live=True)
        assert saved.as_of is not None and live.as_of is None
        assert _figures(saved) == _figures(live)
    rows = {r.name: r for r in rollup(user=office(world.province), year=2021, today=TODAY).rows}
    assert rows["甲市"].lights["red"] == 1 and rows["乙市"].lights["red"] == 1  # the figures are at work
    assert rows["乙市"].lines == 1 and rows["甲市"].findings == 1 and rows["测试省"].rect_closed == 1


def test_a_year_without_a_snapshot_is_counted_live_and_one_with_it_is_read_from_it(world):
    rollup_refresh(year=2020, today=TODAY)
    user = office(world.province, Role.LEADER)
    assert rollup(user=user, year=2021, today=TODAY).as_of is None
    assert sum(r.lines for r in rollup(user=user, year=2021, today=TODAY).rows) == 5
    rollup_refresh(year=2021, today=TODAY)
    UnitYearSummary.objects.filter(year=2021).update(lines=0)  # a stale snapshot shows as stale
    assert all(r.lines == 0 for r in rollup(user=user, year=2021, today=TODAY).rows)
    units = rollup(user=user, year=2021, today=TODAY, region_id=world.city_a.pk, units=True)
    assert units.as_of is not None and all(r.lines == 0 for r in units.rows)


def test_the_tick_refreshes_this_year_each_time_and_last_year_once_a_day(world):
    assert rollup_snapshot_step in steps.OVERDUE_STEPS
    rollup_snapshot_step(today=TODAY)
    taken = {year: UnitYearSummary.objects.filter(year=year).first().computed_at for year in (2020, 2021)}
    rollup_snapshot_step(today=TODAY)
    units = Unit.objects.count()
    assert UnitYearSummary.objects.filter(year=2021).count() == units  # replaced, not added
    assert UnitYearSummary.objects.filter(year=2020).count() == units
    assert UnitYearSummary.objects.filter(year=2021).first().computed_at > taken[2021]
    assert UnitYearSummary.objects.filter(year=2020).first().computed_at == taken[2020]


def test_the_page_says_when_the_snapshot_was_taken(client, world):
    client.force_login(office(world.province, Role.LEADER))
    assert "截至" not in client.get(reverse("rollup"), {"year": 2021}).content.decode()
    rollup_refresh(year=2021, today=TODAY)
    taken = timezone.localtime(UnitYearSummary.objects.first().computed_at)
    html = client.get(reverse("rollup"), {"year": 2021}).content.decode()
    assert f"截至 {taken:%Y-%m-%d %H:%M}" in html and "甲市" in html


def test_with_a_snapshot_the_queries_depend_neither_on_the_regions_nor_on_the_readers_level(world):
    rollup_refresh(year=2021, today=TODAY)
    counts = []
    for region, role in (
        (world.province, Role.LEADER),
        (world.city_a, Role.LEADER),
        (world.city_b, Role.OFFICE_ADMIN),
    ):
        user = office(region, role)
        rollup(user=user, year=2021, today=TODAY)  # the user's grants are read once per request
        with CaptureQueriesContext(connection) as queries:
            assert rollup(user=user, year=2021, today=TODAY).as_of is not None
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2]
