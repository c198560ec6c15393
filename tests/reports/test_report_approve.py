"""report_approve: the head of the report's own unit approves what the liaison sent."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import Role
from taizhang.lib.concurrency import StaleEdit
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.workflow import report_approve
from tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def test_the_units_head_approves(submitted, head):
    report = report_approve(actor=head, report=submitted, expected_version=submitted.version)
    assert ProgressReport.objects.get(pk=report.pk).review_state == ReviewState.APPROVED


def test_another_units_head_may_not_approve(submitted, line):
    other_head = make_user(unit=make_unit(region=line.unit.region), role=Role.UNIT_HEAD)
    with pytest.raises(PermissionDenied):
        report_approve(actor=other_head, report=submitted, expected_version=submitted.version)


def test_the_office_may_not_approve_for_the_unit(submitted, office):
    with pytest.raises(PermissionDenied):
        report_approve(actor=office, report=submitted, expected_version=submitted.version)


def test_the_second_of_two_approvals_from_the_same_view_is_refused(submitted, head):
    theirs = ProgressReport.objects.get(pk=submitted.pk)
    report_approve(actor=head, report=submitted, expected_version=2)
    with pytest.raises(StaleEdit):
        report_approve(actor=head, report=theirs, expected_version=2)
    assert ProgressReport.objects.get(pk=submitted.pk).steps.count() == 2  # submit, approve
