"""report_return: back to the unit with a reason, by its head (submitted) or the office (approved)."""

import pytest

from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.workflow import report_return

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_return_needs_a_reason(submitted, head, reason):
    with pytest.raises(Refusal) as refused:
        report_return(actor=head, report=submitted, reason=reason, expected_version=submitted.version)
    assert refused.value.code == "reason_required"
    assert ProgressReport.objects.get(pk=submitted.pk).review_state == ReviewState.SUBMITTED


def test_the_reason_is_kept_on_the_step_and_in_the_audit_log(approved, office):
    report_return(
        actor=office, report=approved, reason="  数据与台账不符  ", expected_version=approved.version
    )
    step = approved.steps.latest("id")
    assert (step.to_state, step.reason, step.actor) == (ReviewState.RETURNED, "数据与台账不符", office)
    event = AuditEvent.objects.filter(action="report.return").get()
    assert event.after == {"review_state": "returned", "reason": "数据与台账不符"}


def test_an_overlong_reason_is_refused(submitted, head):
    with pytest.raises(Refusal):
        report_return(actor=head, report=submitted, reason="理" * 2001, expected_version=submitted.version)
