from datetime import date

import pytest
from django.db import IntegrityError, transaction

from taizhang.reports.models import ReportStep, ReviewState
from tests.factories import make_report, make_user

pytestmark = pytest.mark.django_db


def test_period_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(period_start=date(2021, 4, 1), period_end=date(2021, 3, 31))


def test_a_one_day_period_is_allowed():
    assert make_report(period_start=date(2021, 3, 31), period_end=date(2021, 3, 31)).pk


def test_one_report_per_line_and_period():
    report = make_report()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(assignment=report.assignment, period_start=report.period_start)


def _step(report, from_state, to_state, reason=""):
    return ReportStep.objects.create(
        report=report, from_state=from_state, to_state=to_state, reason=reason, actor=make_user()
    )


def test_every_workflow_step_is_kept():
    report = make_report()
    _step(report, ReviewState.DRAFT, ReviewState.SUBMITTED)
    _step(report, ReviewState.SUBMITTED, ReviewState.RETURNED, reason="佐证材料不全")
    _step(report, ReviewState.RETURNED, ReviewState.SUBMITTED)
    assert [s.to_state for s in report.steps.all()] == ["submitted", "returned", "submitted"]


def test_a_step_outside_the_workflow_is_refused():
    report = make_report()
    with pytest.raises(IntegrityError), transaction.atomic():
        _step(report, ReviewState.DRAFT, ReviewState.ACCEPTED)


def test_returning_a_report_needs_a_reason():
    report = make_report()
    with pytest.raises(IntegrityError), transaction.atomic():
        _step(report, ReviewState.SUBMITTED, ReviewState.RETURNED)
