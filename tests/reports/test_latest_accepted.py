"""Assignment.latest_accepted_status, the status of a line's latest accepted report kept on the line
(``reports.latest``), equals the value recomputed from the reports after every step of the workflow."""

from datetime import date

import pytest

from taizhang.ledger.models import Assignment
from taizhang.reports.latest import latest_accepted_recomputed, latest_accepted_refresh
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.workflow import report_accept, report_approve, report_return, report_submit
from tests.factories import make_assignment, make_report
from tests.reports.flow import Q1, Q2, save_draft

Status = ProgressReport.Status


def _stored_and_recomputed(line):
    row = (
        Assignment.objects.filter(pk=line.pk)
        .annotate(recomputed=latest_accepted_recomputed())
        .values("latest_accepted_status", "recomputed")
        .get()
    )
    return row["latest_accepted_status"], row["recomputed"]


def _assert_in_step(line, expected):
    stored, recomputed = _stored_and_recomputed(line)
    assert stored == recomputed == expected


def test_the_column_follows_every_step_of_two_periods_accepted_out_of_order(
    clock, line, liaison, head, office
):
    _assert_in_step(line, "")
    q1 = save_draft(line, liaison, status=Status.IN_PROGRESS)
    _assert_in_step(line, "")
    q1 = report_submit(actor=liaison, report=q1, expected_version=q1.version)
    _assert_in_step(line, "")
    q1 = report_return(actor=head, report=q1, reason="请补充佐证材料", expected_version=q1.version)
    _assert_in_step(line, "")
    q1 = save_draft(line, liaison, status=Status.IN_PROGRESS, expected_version=q1.version)
    q1 = report_submit(actor=liaison, report=q1, expected_version=q1.version)
    q1 = report_approve(actor=head, report=q1, expected_version=q1.version)
    _assert_in_step(line, "")

    clock(date(2021, 7, 5))  # Q2 ended; its report is due on 10 July
    q2 = save_draft(line, liaison, period=Q2, status=Status.DONE)
    q2 = report_submit(actor=liaison, report=q2, expected_version=q2.version)
    q2 = report_approve(actor=head, report=q2, expected_version=q2.version)
    _assert_in_step(line, "")
    report_accept(actor=office, report=q2, expected_version=q2.version)
    _assert_in_step(line, Status.DONE)
    # The office catches up on the older quarter: the newer period's report stays the latest.
    report_accept(actor=office, report=q1, expected_version=q1.version)
    _assert_in_step(line, Status.DONE)


def test_an_accepted_report_is_the_lines_status_at_once(accepted, line):
    _assert_in_step(line, Status.IN_PROGRESS)


def test_the_refresh_for_bulk_loads_recomputes_only_the_lines_named(db):
    named, other = make_assignment(), make_assignment()
    for line in (named, other):
        ProgressReport.objects.create(
            assignment=line,
            period_start=Q1.start,
            period_end=Q1.end,
            period_label=Q1.label,
            status=Status.ONGOING,
            review_state=ReviewState.ACCEPTED,
        )
    assert latest_accepted_refresh(lines=[named.pk]) == 1
    assert _stored_and_recomputed(named) == (Status.ONGOING, Status.ONGOING)
    assert _stored_and_recomputed(other) == ("", Status.ONGOING)  # written in bulk, not yet refreshed
    latest_accepted_refresh(lines=Assignment.objects.filter(pk=other.pk))
    assert _stored_and_recomputed(other) == (Status.ONGOING, Status.ONGOING)


def test_the_test_factory_keeps_the_column_as_accepting_would(db):
    line = make_assignment()
    make_report(assignment=line, status=Status.DONE, review_state=ReviewState.ACCEPTED)
    make_report(
        assignment=line,
        period_start=date(2021, 4, 1),
        period_end=date(2021, 6, 30),
        period_label="2021年第二季度",
        status=Status.IN_PROGRESS,
        review_state=ReviewState.SUBMITTED,
    )
    assert line.latest_accepted_status == Status.DONE
    _assert_in_step(line, Status.DONE)


@pytest.mark.parametrize("state", [ReviewState.SUBMITTED, ReviewState.APPROVED, ReviewState.RETURNED])
def test_reports_not_accepted_leave_the_line_without_a_status(db, state):
    line = make_assignment()
    make_report(assignment=line, status=Status.DONE, review_state=state)
    latest_accepted_refresh(lines=[line.pk])
    _assert_in_step(line, "")
