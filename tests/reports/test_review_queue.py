"""review_queue: what waits for the user's decision."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.accounts.models import Role
from taizhang.reports.models import ReviewState
from taizhang.reports.queue import make_ready
from taizhang.reports.selectors import review_queue
from tests.factories import make_assignment, make_plan, make_report, make_unit, make_user
from tests.reports.flow import Q1, Q2

pytestmark = pytest.mark.django_db


def test_a_unit_head_sees_their_units_submitted_reports(submitted, head):
    assert list(review_queue(user=head)) == [submitted]


def test_the_office_waits_for_the_unit_head(submitted, office):
    assert list(review_queue(user=office)) == []


def test_the_office_sees_approved_reports_of_its_region_only(approved, office, head):
    elsewhere = make_report(assignment=make_assignment(), review_state=ReviewState.APPROVED)
    assert list(review_queue(user=office)) == [approved]
    assert list(review_queue(user=head)) == []
    assert elsewhere not in review_queue(user=office)


def test_decided_reports_leave_the_queue(accepted, office, head):
    assert not review_queue(user=office).exists() and not review_queue(user=head).exists()


def test_another_units_head_does_not_see_them(submitted, line):
    assert not review_queue(
        user=make_user(unit=make_unit(region=line.unit.region), role=Role.UNIT_HEAD)
    ).exists()


def test_liaisons_have_nothing_to_review(submitted, liaison):
    assert not review_queue(user=liaison).exists()


def test_the_oldest_period_comes_first(line, head):
    submitted = {"review_state": ReviewState.SUBMITTED}
    newer = make_report(
        assignment=line, period_start=Q2.start, period_end=Q2.end, period_label=Q2.label, **submitted
    )
    older = make_report(
        assignment=line, period_start=Q1.start, period_end=Q1.end, period_label=Q1.label, **submitted
    )
    assert list(review_queue(user=head)) == [older, newer]


def test_the_queue_takes_the_same_queries_for_one_report_or_many(django_assert_num_queries):
    heads = []
    for n in (1, 6):
        unit = make_unit()
        for task in make_plan(region=unit.region, tasks_per_section=n).tasks.all():
            make_report(assignment=make_assignment(task=task, unit=unit), review_state=ReviewState.SUBMITTED)
        heads.append(make_user(unit=unit, role=Role.UNIT_HEAD))

    def read(user):
        rows = make_ready(review_queue(user=user), today=Q1.end)
        return [(r.assignment.unit.name, r.assignment.task.text, r.evidence_files, r.light) for r in rows]

    with CaptureQueriesContext(connection) as one:
        assert len(read(heads[0])) == 1
    # the rows, then their files, sending times and milestones: one query each, whatever their number
    assert len(one.captured_queries) <= 6
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(read(heads[1])) == 6
