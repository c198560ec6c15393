"""The two warnings that share the traffic light's rules (``alerts.rules.light``): a line its unit reports
as 未按期完成, and a line not decomposed in time. Each is raised on the day the light turns for the same
reason, at the boundary days, and both read a fixed number of queries whatever the number of lines.

The city's plan was published on 10 May 2021 (its lines made that day): with 30 days to decompose, 9 June
is the last green day and 10 June the first yellow one."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.alerts.rules import alerts_wanted, reported_late, undecomposed
from taizhang.ledger.lights import annotate_lines
from taizhang.ledger.models import Assignment
from taizhang.ledger.rules import Cause
from taizhang.ledger.selectors import assignment_light
from taizhang.reports.latest import latest_accepted_refresh
from taizhang.reports.models import ProgressReport, ReviewState
from tests.alerts.helpers import line
from tests.factories import make_assignment, make_milestone, make_plan, make_report

pytestmark = pytest.mark.django_db
Status = ProgressReport.Status
LAST_GREEN, FIRST_YELLOW = date(2021, 6, 9), date(2021, 6, 10)
QUARTERS = [
    (date(2021, 4, 1), date(2021, 6, 30), "2021年第二季度"),
    (date(2021, 7, 1), date(2021, 9, 30), "2021年第三季度"),
    (date(2021, 10, 1), date(2021, 12, 31), "2021年第四季度"),
]


def _levels(specs) -> dict[str, str]:
    return {spec.key: spec.level for spec in specs}


def _causes(assignment: Assignment, today: date) -> tuple[set[str], str]:
    """The light's reasons in Python, and the main cause in SQL, on ``today``."""
    python = {
        r.cause for r in assignment_light(Assignment.objects.get(pk=assignment.pk), today=today).reasons
    }
    sql = annotate_lines(Assignment.objects.filter(pk=assignment.pk), today=today).get().light_cause
    return python, sql


@pytest.mark.parametrize(
    ("today", "level"),
    [
        (LAST_GREEN, None),
        (FIRST_YELLOW, "notice"),
        (FIRST_YELLOW + timedelta(days=13), "notice"),
        (FIRST_YELLOW + timedelta(days=14), "yellow"),  # day 15
        (FIRST_YELLOW + timedelta(days=29), "red"),  # day 30
    ],
)
def test_a_line_not_decomposed_is_warned_of_the_day_its_light_turns_yellow(city, today, level):
    key = f"line:{line(city).pk}"
    assert _levels(undecomposed(today=today)).get(key) == level
    python, sql = _causes(line(city), today)
    assert (Cause.UNDECOMPOSED in python) is (level is not None)
    if today <= FIRST_YELLOW:  # before Q2's report is due nothing else turns the light
        assert sql == ("" if level is None else Cause.UNDECOMPOSED)


def test_the_undecomposed_warning_says_what_is_missing_and_when_it_was_due(city):
    (spec,) = [s for s in undecomposed(today=FIRST_YELLOW) if s.assignment_id == line(city).pk]
    assert spec.evidence == {"due_date": "2021-06-09", "since": "2021-05-10"}
    assert "责任人、进度目标" in spec.summary and spec.unit_id == city.a.pk


def test_a_line_decomposed_is_not_warned_and_a_late_line_counts_from_its_creation(city):
    Assignment.objects.filter(pk=line(city).pk).update(responsible_persons=["王五"])
    assert "进度目标" in undecomposed(today=FIRST_YELLOW)[0].summary  # a 责任人 alone is not enough
    make_milestone(assignment=line(city), due_date=date(2021, 12, 31))
    assert line(city).pk not in {s.assignment_id for s in undecomposed(today=FIRST_YELLOW)}
    other = line(city, city.b)
    Assignment.objects.filter(pk=other.pk).update(created_at=other.created_at + timedelta(days=5))
    assert _levels(undecomposed(today=FIRST_YELLOW + timedelta(days=4))).get(f"line:{other.pk}") is None
    assert _levels(undecomposed(today=FIRST_YELLOW + timedelta(days=5)))[f"line:{other.pk}"] == "notice"
    assert Cause.UNDECOMPOSED in _causes(other, FIRST_YELLOW + timedelta(days=5))[0]


def _accepted(assignment, quarter: int, status: str, state=ReviewState.ACCEPTED) -> ProgressReport:
    start, end, label = QUARTERS[quarter]
    report = make_report(
        assignment=assignment,
        period_start=start,
        period_end=end,
        period_label=label,
        status=status,
        review_state=state,
    )
    latest_accepted_refresh(lines=[assignment.pk])
    return report


def test_a_line_reported_late_is_warned_of_the_day_its_light_turns_red_and_escalates(city):
    key, today = f"line:{line(city).pk}", date(2022, 1, 5)
    _accepted(line(city), 0, Status.IN_PROGRESS)
    assert key not in _levels(reported_late(today=today))
    _accepted(line(city), 1, Status.OVERDUE)
    assert _levels(reported_late(today=today))[key] == "notice"
    assert Cause.REPORTED_LATE in _causes(line(city), today)[0]
    assert _causes(line(city), today)[1] == Cause.REPORTED_LATE
    _accepted(line(city), 2, Status.OVERDUE)
    (spec,) = [s for s in reported_late(today=today) if s.key == key]
    assert (spec.level, spec.evidence) == (
        "yellow",
        {"late_periods": ["2021年第四季度", "2021年第三季度"], "since": "2021-07-01"},
    )
    assert "连续 2 期" in spec.summary


def test_a_later_report_on_time_clears_it_and_one_not_yet_accepted_does_not(city):
    key, today = f"line:{line(city).pk}", date(2022, 1, 5)
    _accepted(line(city), 1, Status.OVERDUE)
    _accepted(line(city), 2, Status.IN_PROGRESS, state=ReviewState.SUBMITTED)
    assert _levels(reported_late(today=today))[key] == "notice"
    ProgressReport.objects.filter(period_label="2021年第四季度").update(review_state=ReviewState.ACCEPTED)
    latest_accepted_refresh(lines=[line(city).pk])
    assert key not in _levels(reported_late(today=today))
    assert Cause.REPORTED_LATE not in _causes(line(city), today)[0]


def _reads(today: date) -> int:
    with CaptureQueriesContext(connection) as queries:
        alerts_wanted(today=today)
    return len(queries)


def test_the_rules_read_the_same_number_of_queries_for_two_lines_or_forty(city):
    today = date(2022, 1, 5)
    for assignment in Assignment.objects.all():
        _accepted(assignment, 1, Status.OVERDUE)
    few = _reads(today)
    plan = make_plan(region=city.region, sections=2, tasks_per_section=10)
    plan.published_at = city.plan.published_at
    plan.save(update_fields=["published_at"])
    for task in plan.tasks.all():
        for unit in (city.a, city.b):
            _accepted(make_assignment(task=task, unit=unit), 1, Status.OVERDUE)
    wanted = alerts_wanted(today=today)
    assert sum(s.rule == "reported_late" for s in wanted) == Assignment.objects.count() == 42
    assert sum(s.rule == "undecomposed" for s in wanted) == 42
    assert _reads(today) == few
