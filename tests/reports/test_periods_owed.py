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


def test_the_filter_form_of_first_owed_picks_the_lines_the_rule_picks(db):
    """``began_by_q`` (the report reminders count lines with it in the database) and ``published_by`` give,
    for every period, the lines for which ``first_owed(plan, began=<the line's day in Beijing>)`` is no later
    than the period's start — a line made at 23:30 and one at 00:30 Beijing time on the quarter's edge
    included."""
    from taizhang.ledger.models import Assignment
    from taizhang.reports.periods import Period, began_by_q, first_owed, plan_periods, published_by
    from tests.factories import make_assignment, make_plan

    plan = make_plan(report_cadence=Plan.Cadence.QUARTER, tasks_per_section=4)
    Plan.objects.filter(pk=plan.pk).update(published_at=datetime(2021, 2, 15, 9, tzinfo=SHANGHAI))
    plan.refresh_from_db()
    made = [
        datetime(2021, 1, 5, 10, tzinfo=SHANGHAI),  # before publication: owes from publication's quarter
        datetime(2021, 3, 31, 23, 30, tzinfo=SHANGHAI),  # the last half hour of Q1
        datetime(2021, 4, 1, 0, 30, tzinfo=SHANGHAI),  # Q2, though still 31 March in UTC
        datetime(2021, 9, 30, 12, tzinfo=SHANGHAI),
    ]
    lines = []
    for task, at in zip(plan.tasks.order_by("order"), made, strict=False):
        line = make_assignment(task=task)
        Assignment.objects.filter(pk=line.pk).update(created_at=at)
        lines.append((line.pk, at))
    for period in plan_periods(plan)[:4]:
        expected = {
            pk for pk, at in lines if first_owed(plan, began=at.astimezone(SHANGHAI).date()) <= period.start
        }
        picked = set(
            Assignment.objects.filter(began_by_q(period), task__plan=plan).values_list("pk", flat=True)
        )
        assert published_by(plan, period) and picked == expected, period.label
    assert not published_by(plan, Period(date(2020, 10, 1), date(2020, 12, 31), "2020年第四季度"))
