"""red_lines, the plan ledger's 只看红灯 filter in SQL, agrees with the rule's red light line by line."""

from datetime import date

import pytest

from taizhang.accounts.models import Role
from taizhang.ledger.rules import Color
from taizhang.ledger.selectors import assignment_light, assignment_list, red_lines
from taizhang.plans.models import Task
from taizhang.reports.models import ProgressReport, ReviewState
from tests.factories import make_assignment, make_milestone, make_plan, make_report, make_unit, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2021, 7, 5)
PAST, FUTURE = date(2021, 6, 30), date(2021, 12, 31)
DONE, IN_PROGRESS = ProgressReport.Status.DONE, ProgressReport.Status.IN_PROGRESS
LATE = ProgressReport.Status.OVERDUE


def _accepted(status, start):
    return {
        "status": status,
        "review_state": ReviewState.ACCEPTED,
        "period_start": start,
        "period_end": start,
    }


CASES = {
    "deadline passed": {"deadline": PAST},
    "deadline ahead": {"deadline": FUTURE},
    "due today": {"deadline": TODAY},
    "task deadline passed": {"task_deadline": PAST},
    "own deadline ahead of a passed task deadline": {"deadline": FUTURE, "task_deadline": PAST},
    "open milestone passed": {"deadline": FUTURE, "milestones": [(PAST, None)]},
    "done milestone passed": {"deadline": FUTURE, "milestones": [(PAST, date(2021, 6, 1))]},
    "reported done and accepted": {"deadline": PAST, "reports": [_accepted(DONE, date(2021, 4, 1))]},
    "done, then in progress again": {
        "deadline": PAST,
        "reports": [_accepted(DONE, date(2021, 1, 1)), _accepted(IN_PROGRESS, date(2021, 4, 1))],
    },
    "done but only submitted": {
        "deadline": PAST,
        "reports": [{"status": DONE, "review_state": ReviewState.SUBMITTED}],
    },
    "reported 未按期完成, dates ahead": {"deadline": FUTURE, "reports": [_accepted(LATE, date(2021, 4, 1))]},
    "nothing set": {},
}


def test_the_red_filter_selects_exactly_the_red_lines():
    unit = make_unit()
    plan = make_plan(region=unit.region, tasks_per_section=len(CASES))
    tasks = iter(plan.tasks.order_by("order"))
    names = {}
    for name, case in CASES.items():
        task = next(tasks)
        Task.objects.filter(pk=task.pk).update(deadline_date=case.get("task_deadline"))
        line = make_assignment(task=task, unit=unit, deadline=case.get("deadline"))
        for due, done in case.get("milestones", []):
            make_milestone(assignment=line, due_date=due, done_date=done)
        for report in case.get("reports", []):
            make_report(assignment=line, **report)
        names[line.pk] = name
    lines = assignment_list(user=make_user(unit=unit, role=Role.LIAISON))
    red = {names[line.pk] for line in lines if assignment_light(line, today=TODAY).color == Color.RED}
    selected = {names[line.pk] for line in red_lines(lines, today=TODAY, plan=plan)}
    assert selected == red
    assert red == {
        "deadline passed",
        "task deadline passed",
        "open milestone passed",
        "done, then in progress again",
        "done but only submitted",
        "reported 未按期完成, dates ahead",
    }
