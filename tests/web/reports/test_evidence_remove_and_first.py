"""Evidence by content, removal while the report is being written, and files before the first save (issue 13
item 8): an .exe renamed .docx is refused through the page; a draft's file is removed (audited), a submitted
report's is not; the first upload creates the period's draft."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taizhang.audit.models import AuditEvent
from taizhang.reports.models import ProgressReport, ReportFile
from tests.files import samples
from tests.web.reports.helpers import PDF, Q1, edit_url, htmx, page

pytestmark = pytest.mark.django_db


def _remove(client, evidence, **headers):
    return client.post(reverse("evidence_remove", args=[evidence.pk]), headers=headers)


def _first(client, line, *files, **headers):
    url = reverse("evidence_upload_first", args=[line.pk, Q1])
    return client.post(url, {"files": list(files)}, headers=headers)


def test_an_exe_renamed_docx_is_refused_by_its_content(client, town, q1_draft, media_root):
    client.force_login(town.liaison_a)
    upload = SimpleUploadedFile("会议纪要.docx", samples.EXE)
    url = reverse("evidence_upload", args=[q1_draft.pk])
    html = page(client.post(url, {"files": [upload]}, headers=htmx()))
    assert 'role="alert"' in html and "会议纪要.docx" in html
    assert not ReportFile.objects.exists()


def test_the_liaison_removes_a_drafts_file_and_the_removal_is_audited(client, town, q1_evidence):
    client.force_login(town.liaison_a)
    response = _remove(client, q1_evidence, **htmx())
    assert response.status_code == 200
    assert not ReportFile.objects.filter(pk=q1_evidence.pk).exists()
    assert "会议纪要.pdf" not in page(response)
    entry = AuditEvent.objects.get(action="evidence.remove")
    assert entry.actor == town.liaison_a and entry.before["original_name"] == "会议纪要.pdf"


def test_the_draft_page_offers_a_remove_button_per_file(client, town, q1_evidence):
    client.force_login(town.liaison_a)
    html = page(client.get(edit_url(town.line_a1)))
    assert reverse("evidence_remove", args=[q1_evidence.pk]) in html


def test_a_submitted_reports_file_cannot_be_removed(client, town, q1_evidence):
    from taizhang.reports.workflow import report_submit

    report = q1_evidence.report
    report_submit(actor=town.liaison_a, report=report, expected_version=report.version)
    client.force_login(town.liaison_a)
    response = _remove(client, q1_evidence)
    assert response.status_code == 422 and "退回前不能修改" in page(response)
    assert ReportFile.objects.filter(pk=q1_evidence.pk).exists()
    assert not AuditEvent.objects.filter(action="evidence.remove").exists()
    assert reverse("evidence_remove", args=[q1_evidence.pk]) not in page(client.get(edit_url(town.line_a1)))


def test_a_unit_head_may_not_remove_and_another_unit_does_not_see_the_file(client, town, q1_evidence):
    client.force_login(town.head_a)
    assert _remove(client, q1_evidence).status_code == 403
    client.force_login(town.liaison_b)
    assert _remove(client, q1_evidence).status_code == 404
    assert ReportFile.objects.filter(pk=q1_evidence.pk).exists()


def test_before_the_first_save_the_page_offers_the_upload(client, town):
    client.force_login(town.liaison_a)
    html = page(client.get(edit_url(town.line_a1)))
    assert reverse("evidence_upload_first", args=[town.line_a1.pk, Q1]) in html
    assert "保存草稿后即可上传" not in html


def test_the_first_upload_creates_the_draft_with_the_file(client, town):
    client.force_login(town.liaison_a)
    response = _first(client, town.line_a1, SimpleUploadedFile("会议纪要.pdf", PDF), **htmx())
    assert response.status_code == 200
    report = ProgressReport.objects.get(assignment=town.line_a1, period_start=Q1)
    assert report.review_state == "draft" and report.narrative == ""
    assert list(report.evidence.values_list("original_name", flat=True)) == ["会议纪要.pdf"]
    html = page(response)
    assert reverse("evidence_upload", args=[report.pk]) in html  # the next upload goes to the draft
    assert f'id="id_expected_version" value="{report.version}" hx-swap-oob="true"' in html
    # the report form, saved from the page it was on, saves over the new draft
    saved = client.post(
        edit_url(town.line_a1),
        {"status": "in_progress", "narrative": "已部署。", "expected_version": report.version},
    )
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.narrative == "已部署。"


def test_a_refused_first_upload_leaves_no_draft(client, town, media_root):
    client.force_login(town.liaison_a)
    response = _first(client, town.line_a1, SimpleUploadedFile("纪要.docx", samples.EXE))
    assert response.status_code == 422
    assert not ProgressReport.objects.exists() and not ReportFile.objects.exists()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


def test_a_unit_head_cannot_start_a_report_by_uploading(client, town):
    client.force_login(town.head_a)
    assert _first(client, town.line_a1, SimpleUploadedFile("a.pdf", PDF)).status_code == 403
    assert not ProgressReport.objects.exists()
