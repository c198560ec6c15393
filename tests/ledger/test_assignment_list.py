"""assignment_list: each line with what its traffic light needs, in a fixed number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.accounts.models import Role
from taizhang.ledger.models import Assignment
from taizhang.ledger.rules import Color
from taizhang.ledger.selectors import assignment_light, assignment_list
from taizhang.reports.models import ProgressReport, ReviewState
from tests.factories import make_assignment, make_milestone, make_plan, make_report, make_unit, make_user

pytestmark = pytest.mark.django_db

TODAY = date(2021, 4, 5)


def _lines(unit, n):
    plan = make_plan(region=unit.region, tasks_per_section=n)
    lines = []
    for task in plan.tasks.all():
        line = make_assignment(task=task, unit=unit, deadline=date(2021, 12, 31))
        make_milestone(assignment=line, due_date=date(2021, 4, 1))
        make_milestone(assignment=line, due_date=date(2021, 4, 10))
        make_report(assignment=line, review_state=ReviewState.ACCEPTED)
        lines.append(line)
    return lines


def _user(unit, role):
    if role == Role.OFFICE_ADMIN:
        return make_user(role=role, region=unit.region)
    return make_user(unit=unit, role=role)


def _lights(user):
    return [assignment_light(line, today=TODAY).color for line in assignment_list(user=user)]


@pytest.mark.parametrize("role", [Role.LIAISON, Role.OFFICE_ADMIN])
def test_list_and_lights_take_the_same_queries_for_one_line_or_many(django_assert_num_queries, role):
    few_unit, many_unit = make_unit(), make_unit()
    _lines(few_unit, 1)
    _lines(many_unit, 6)
    few, many = _user(few_unit, role), _user(many_unit, role)
    with CaptureQueriesContext(connection) as one:
        assert len(_lights(few)) == 1
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(_lights(many)) == 6


def test_the_light_uses_the_prefetched_milestones():
    unit = make_unit()
    _lines(unit, 1)
    user = make_user(unit=unit, role=Role.LIAISON)
    assert _lights(user) == [Color.RED]  # the milestone of 1 April is open


def test_a_line_whose_latest_accepted_report_says_done_is_done():
    line = make_assignment(deadline=date(2021, 3, 1))
    make_report(assignment=line, review_state=ReviewState.ACCEPTED, status=ProgressReport.Status.DONE)
    user = make_user(unit=line.unit, role=Role.LIAISON)
    assert _lights(user) == [Color.DONE]
    assert assignment_light(Assignment.objects.get(pk=line.pk), today=TODAY).color == Color.DONE


def test_a_done_report_not_yet_accepted_does_not_make_the_line_done():
    line = make_assignment(deadline=date(2021, 3, 1))
    make_report(assignment=line, review_state=ReviewState.SUBMITTED, status=ProgressReport.Status.DONE)
    assert _lights(make_user(unit=line.unit, role=Role.LIAISON)) == [Color.RED]


def test_the_warning_days_setting_decides_yellow(settings):
    line = make_assignment(deadline=date(2021, 4, 15))
    user = make_user(unit=line.unit, role=Role.LIAISON)
    settings.TAIZHANG_WARNING_DAYS = 10
    assert _lights(user) == [Color.YELLOW]
    settings.TAIZHANG_WARNING_DAYS = 9
    assert _lights(user) == [Color.GREEN]
