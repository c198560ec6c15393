"""periods_owed: which periods a line owes a report for, one rule for the dashboard, assessment and
warnings."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from taizhang.plans.models import Plan
from taizhang.reports.periods import periods_owed

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _plan(published_at):
    # Unsaved: periods_owed reads only the plan's years, cadence and publication.
    cadence = Plan.Cadence.QUARTER
    return Plan(period_start=2021, period_end=2022, report_cadence=cadence, published_at=published_at)


def _labels(periods):
    return [p.label for p in periods]


def test_a_line_owes_from_the_period_the_plan_was_published_in_to_the_last_one_due():
    plan = _plan(datetime(2021, 2, 15, 9, tzinfo=SHANGHAI))
    assert _labels(periods_owed(plan, today=date(2021, 7, 10))) == ["2021年第一季度"]  # Q2 due on the 10th
    assert _labels(periods_owed(plan, today=date(2021, 7, 11))) == ["2021年第一季度", "2021年第二季度"]


def test_a_line_added_later_owes_from_the_period_it_began_in():
    plan = _plan(datetime(2021, 2, 15, 9, tzinfo=SHANGHAI))
    owed = periods_owed(plan, today=date(2021, 10, 11), began=date(2021, 5, 3))
    assert _labels(owed) == ["2021年第二季度", "2021年第三季度"]


def test_a_period_reported_on_before_publication_is_owed():
    plan = _plan(datetime(2021, 8, 1, 9, tzinfo=SHANGHAI))
    owed = periods_owed(plan, today=date(2021, 10, 11), first_sent=date(2021, 4, 1))
    assert _labels(owed) == ["2021年第二季度", "2021年第三季度"]


def test_a_plan_never_published_owes_nothing():
    assert periods_owed(_plan(None), today=date(2022, 12, 31)) == []
