"""Reporting periods of each cadence, and the date a period's report is due."""

from datetime import date
from itertools import pairwise

import pytest

from taizhang.plans.models import Plan
from taizhang.reports.periods import (
    Period,
    is_plan_period,
    period_for,
    periods_between,
    plan_periods,
    report_due_date,
)

MONTH, QUARTER, YEAR = Plan.Cadence.MONTH, Plan.Cadence.QUARTER, Plan.Cadence.YEAR


@pytest.mark.parametrize(
    ("day", "cadence", "expected"),
    [
        (date(2021, 3, 15), MONTH, Period(date(2021, 3, 1), date(2021, 3, 31), "2021年3月")),
        (date(2024, 2, 29), MONTH, Period(date(2024, 2, 1), date(2024, 2, 29), "2024年2月")),
        (date(2021, 12, 31), MONTH, Period(date(2021, 12, 1), date(2021, 12, 31), "2021年12月")),
        (date(2021, 3, 31), QUARTER, Period(date(2021, 1, 1), date(2021, 3, 31), "2021年第一季度")),
        (date(2021, 4, 1), QUARTER, Period(date(2021, 4, 1), date(2021, 6, 30), "2021年第二季度")),
        (date(2021, 8, 9), QUARTER, Period(date(2021, 7, 1), date(2021, 9, 30), "2021年第三季度")),
        (date(2021, 12, 31), QUARTER, Period(date(2021, 10, 1), date(2021, 12, 31), "2021年第四季度")),
        (date(2021, 6, 1), YEAR, Period(date(2021, 1, 1), date(2021, 12, 31), "2021年度")),
    ],
)
def test_period_for_each_cadence(day, cadence, expected):
    assert period_for(day, cadence) == expected


def test_an_unknown_cadence_is_an_error():
    with pytest.raises(ValueError):
        period_for(date(2021, 1, 1), "week")


@pytest.mark.parametrize(("cadence", "count"), [(MONTH, 36), (QUARTER, 12), (YEAR, 3)])
def test_periods_between_cover_the_years_without_gaps(cadence, count):
    periods = periods_between(2021, 2023, cadence)
    assert len(periods) == count
    assert periods[0].start == date(2021, 1, 1) and periods[-1].end == date(2023, 12, 31)
    assert all((b.start - a.end).days == 1 for a, b in pairwise(periods))


def test_plan_periods_follow_the_plans_cadence_and_years():
    plan = Plan(period_start=2021, period_end=2022, report_cadence=QUARTER)
    assert [p.label for p in plan_periods(plan)][:2] == ["2021年第一季度", "2021年第二季度"]
    assert len(plan_periods(plan)) == 8


def test_a_plan_period_must_match_the_cadence_and_the_years():
    plan = Plan(period_start=2021, period_end=2022, report_cadence=QUARTER)
    assert is_plan_period(plan, period_for(date(2022, 5, 1), QUARTER))
    assert not is_plan_period(plan, period_for(date(2022, 5, 1), MONTH))
    assert not is_plan_period(plan, period_for(date(2023, 5, 1), QUARTER))
    assert not is_plan_period(plan, Period(date(2021, 1, 1), date(2021, 3, 30), "2021年第一季度"))


def test_a_report_is_due_the_grace_days_after_the_period_ends(settings):
    q1 = period_for(date(2021, 1, 1), QUARTER)
    assert report_due_date(q1) == date(2021, 4, 10)  # default grace: 10 days
    settings.TAIZHANG_REPORT_GRACE_DAYS = 15
    assert report_due_date(q1) == date(2021, 4, 15)
    assert report_due_date(q1, grace_days=0) == date(2021, 3, 31)
