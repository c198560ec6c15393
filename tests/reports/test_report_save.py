"""report_save: 填报进展 — the draft saved and, with ``submit``, sent in the same transaction."""

import pytest

from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.services import report_save
from tests.reports.flow import Q1

pytestmark = pytest.mark.django_db
Status = ProgressReport.Status


def _save(line, liaison, **kw):
    fields = {"period": Q1, "status": Status.IN_PROGRESS, "narrative": "召开专题会议部署落实。"} | kw
    return report_save(actor=liaison, assignment=line, **fields)


def test_without_submit_a_new_report_is_a_draft_and_says_it_was_created(clock, line, liaison):
    report, created = _save(line, liaison)
    assert created and report.review_state == ReviewState.DRAFT


def test_with_submit_the_new_report_is_saved_and_sent(clock, line, liaison):
    report, created = _save(line, liaison, submit=True)
    stored = ProgressReport.objects.get(pk=report.pk)
    assert created and stored.review_state == ReviewState.SUBMITTED
    actions = set(AuditEvent.objects.filter(object_id=str(report.pk)).values_list("action", flat=True))
    assert {"report.create", "report.submit"} <= actions


def test_saving_an_existing_draft_is_not_a_creation(draft, line, liaison):
    report, created = _save(line, liaison, narrative="已完成制度修订。", expected_version=draft.version)
    assert not created and report.pk == draft.pk


def test_a_refused_submission_leaves_no_draft_behind(clock, line, liaison):
    with pytest.raises(Refusal):
        _save(line, liaison, narrative="   ", submit=True)
    assert not ProgressReport.objects.filter(assignment=line).exists()
