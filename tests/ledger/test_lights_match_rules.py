"""The dashboard counts traffic lights in SQL (``ledger.lights``); the ledger's pages show them with
``ledger.rules.traffic_light`` through ``assignment_light``. Line by line, over every kind of date and report
status the rules look at, the two must agree — colour, main cause, the earliest open date, and overdue.
(The plan here is published after ``TODAY``: the rules on periods and decomposition are
``test_light_boundaries.py``'s.)"""

import itertools
from datetime import date, timedelta

import pytest
from django.conf import settings

from taizhang.ledger.lights import Progress, annotate_lines
from taizhang.ledger.models import Assignment, Milestone
from taizhang.ledger.rules import Color
from taizhang.ledger.selectors import assignment_light, assignment_list
from taizhang.reports.latest import latest_accepted_refresh
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.units.models import Unit
from tests.factories import make_plan, make_region, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2021, 7, 5)
WARN = settings.TAIZHANG_WARNING_DAYS
Status = ProgressReport.Status


def _day(offset):
    return None if offset is None else TODAY + timedelta(days=offset)


LINE_DEADLINES = [None, -3, 0, WARN, WARN + 1, 30]
TASK_DEADLINES = [None, -1, 5]
MILESTONES = [  # (due offset, done offset or None)
    [],
    [(-2, None)],
    [(0, None)],
    [(-10, -12)],
    [(3, None), (20, None)],
    [(-5, -6), (WARN + 2, None)],
]
REPORTS = [  # the accepted report's status, and whether a newer report was sent but not yet accepted
    (None, False),
    (Status.DONE, False),
    (Status.ONGOING, False),
    (Status.IN_PROGRESS, False),
    (Status.IN_PROGRESS, True),
    (Status.OVERDUE, False),
]


@pytest.fixture
def lines():
    """One line for each combination, spread over three tasks (one per task deadline)."""
    region = make_region()
    plan = make_plan(region=region, sections=1, tasks_per_section=len(TASK_DEADLINES))
    tasks = list(plan.tasks.order_by("order"))
    for task, offset in zip(tasks, TASK_DEADLINES, strict=True):
        task.deadline_date = _day(offset)
        task.save(update_fields=["deadline_date"])
    combos = list(itertools.product(LINE_DEADLINES, MILESTONES, REPORTS))
    units = Unit.objects.bulk_create(
        Unit(region=region, name=f"单位{i}", kind=Unit.Kind.GOVERNMENT, order=i) for i in range(len(combos))
    )
    made = Assignment.objects.bulk_create(
        Assignment(task=tasks[i % len(tasks)], unit=unit, role=Assignment.Role.LEAD, deadline=_day(deadline))
        for i, (unit, (deadline, _, _)) in enumerate(zip(units, combos, strict=True))
    )
    milestones, reports = [], []
    for line, (_, steps, (accepted, newer)) in zip(made, combos, strict=True):
        milestones += [
            Milestone(assignment=line, title=f"目标{n}", due_date=_day(due), done_date=_day(done), order=n)
            for n, (due, done) in enumerate(steps)
        ]
        if accepted:
            reports.append(_report(line, date(2021, 1, 1), accepted, ReviewState.ACCEPTED))
        if newer:
            reports.append(_report(line, date(2021, 4, 1), Status.DONE, ReviewState.SUBMITTED))
    Milestone.objects.bulk_create(milestones)
    ProgressReport.objects.bulk_create(reports)
    latest_accepted_refresh(lines=[line.pk for line in made])  # as report_accept does
    return plan, make_user(role="office_admin", region=region)


def _report(line, start, status, state):
    end = date(start.year, start.month + 2, 31 if start.month in (1, 10) else 30)
    return ProgressReport(
        assignment=line,
        period_start=start,
        period_end=end,
        period_label="季度",
        status=status,
        review_state=state,
    )


def test_sql_light_matches_the_rules_for_every_kind_of_line(lines):
    plan, office = lines
    sql = {
        row["pk"]: row
        for row in annotate_lines(Assignment.objects.filter(task__plan=plan), today=TODAY)
        .values("pk", "light", "light_cause", "first_open", "progress", "latest_accepted_status")
        .order_by()
    }
    checked = 0
    for line in assignment_list(user=office).filter(task__plan=plan):
        light = assignment_light(line, today=TODAY)
        row = sql[line.pk]
        assert (row["light"], row["light_cause"]) == (light.color, light.cause), (line.pk, light)
        if light.color != Color.DONE:
            assert row["first_open"] == light.due, (line.pk, light)
        assert (row["progress"] == Progress.OVERDUE) == (light.color == Color.RED)
        assert row["latest_accepted_status"] == line.latest_accepted_status
        checked += 1
    assert checked == len(LINE_DEADLINES) * len(MILESTONES) * len(REPORTS)
    assert {row["light"] for row in sql.values()} == set(Color)  # every colour was exercised
