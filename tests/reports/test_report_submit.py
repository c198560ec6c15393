"""report_submit: the liaison sends the report; it is locked; a late one is marked or refused by setting."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import Role
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.refusal import Refusal
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.workflow import report_return, report_submit
from tests.factories import make_milestone, make_unit, make_user
from tests.reports.flow import save_draft

pytestmark = pytest.mark.django_db
Status = ProgressReport.Status


def _submit(report, actor, expected_version=None):
    version = report.version if expected_version is None else expected_version
    return report_submit(actor=actor, report=report, expected_version=version)


def test_a_submitted_report_is_locked_against_edits(submitted, line, liaison):
    with pytest.raises(Refusal) as refused:
        save_draft(line, liaison, narrative="改一下", expected_version=submitted.version)
    assert refused.value.code == "locked"
    assert "退回前不能修改" in refused.value.zh and "locked" in refused.value.en
    assert ProgressReport.objects.get(pk=submitted.pk).narrative == "召开专题会议部署落实。"


@pytest.mark.parametrize("state", ["approved", "accepted"])
def test_the_lock_holds_through_review(request, line, liaison, state):
    report = request.getfixturevalue(state)
    with pytest.raises(Refusal):
        save_draft(line, liaison, narrative="改一下", expected_version=report.version)


def test_a_returned_report_is_editable_and_can_be_sent_again(returned, line, liaison):
    edited = save_draft(line, liaison, narrative="已补充会议纪要。", expected_version=returned.version)
    assert edited.review_state == ReviewState.RETURNED
    again = _submit(edited, liaison)
    assert (again.review_state, again.narrative) == (ReviewState.SUBMITTED, "已补充会议纪要。")


def test_an_empty_narrative_cannot_be_sent(clock, line, liaison):
    report = save_draft(line, liaison, narrative="  ")
    with pytest.raises(Refusal):
        _submit(report, liaison)


def test_sending_from_an_outdated_view_is_refused(draft, line, liaison):
    save_draft(line, liaison, narrative="新的内容", expected_version=draft.version)
    with pytest.raises(StaleEdit):
        _submit(draft, liaison, expected_version=1)
    assert ProgressReport.objects.get(pk=draft.pk).review_state == ReviewState.DRAFT


def test_another_units_liaison_cannot_send_it(draft, line):
    outsider = make_user(unit=make_unit(region=line.unit.region), role=Role.LIAISON)
    with pytest.raises(PermissionDenied):
        _submit(draft, outsider)


def test_on_time_is_not_marked_late(clock, draft, liaison):
    clock(date(2021, 4, 10))  # the due date itself
    assert _submit(draft, liaison).late is False


def test_late_reports_are_taken_and_marked_under_accept_marked(settings, clock, draft, liaison):
    settings.TAIZHANG_LATE_REPORT_POLICY = "accept_marked"
    clock(date(2021, 4, 11))
    report = _submit(draft, liaison)
    assert (report.review_state, report.late) == (ReviewState.SUBMITTED, True)
    assert ProgressReport.objects.get(pk=draft.pk).late is True


def test_late_reports_are_refused_under_refuse(settings, clock, draft, liaison):
    settings.TAIZHANG_LATE_REPORT_POLICY = "refuse"
    clock(date(2021, 4, 11))
    with pytest.raises(Refusal) as refused:
        _submit(draft, liaison)
    assert refused.value.code == "late_refused" and "2021-04-10" in refused.value.zh
    assert ProgressReport.objects.get(pk=draft.pk).review_state == ReviewState.DRAFT


def test_a_late_report_is_not_begun_under_refuse(settings, clock, line, liaison):
    settings.TAIZHANG_LATE_REPORT_POLICY = "refuse"
    clock(date(2021, 4, 11))
    with pytest.raises(Refusal):
        save_draft(line, liaison)
    assert not ProgressReport.objects.exists()


def test_the_grace_days_setting_moves_the_due_date(settings, clock, draft, liaison):
    settings.TAIZHANG_REPORT_GRACE_DAYS = 20
    clock(date(2021, 4, 20))
    assert _submit(draft, liaison).late is False


def test_a_returned_report_sent_again_after_the_due_date_is_taken_and_keeps_its_mark(
    settings, clock, submitted, head, line, liaison
):
    settings.TAIZHANG_LATE_REPORT_POLICY = "refuse"
    report = report_return(actor=head, report=submitted, reason="请补充", expected_version=submitted.version)
    clock(date(2021, 5, 1))
    report = save_draft(line, liaison, narrative="已补充。", expected_version=report.version)
    assert _submit(report, liaison).late is False


def test_in_progress_becomes_overdue_when_a_milestone_passed_by_submission(clock, draft, line, liaison):
    make_milestone(assignment=line, due_date=date(2021, 3, 20))  # added after the draft was saved
    report = _submit(draft, liaison)
    assert report.status == Status.OVERDUE
    assert ProgressReport.objects.get(pk=draft.pk).status == Status.OVERDUE
