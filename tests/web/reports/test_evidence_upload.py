"""evidence_upload: the liaison attaches files to an open report; htmx swaps the evidence panel in place.
A refused file leaves nothing behind: no file row and no stored file."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taizhang.reports.models import ReportFile
from tests.files.samples import docx_bytes
from tests.web.reports.helpers import PDF, edit_url, htmx, page

pytestmark = pytest.mark.django_db


def _upload(client, report, *files, **headers):
    return client.post(reverse("evidence_upload", args=[report.pk]), {"files": list(files)}, headers=headers)


def _file(name="会议纪要.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _stored(media_root):
    return [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []


def test_htmx_upload_answers_the_panel_with_the_new_row(client, town, q1_draft):
    client.force_login(town.liaison_a)
    response = _upload(client, q1_draft, _file(), **htmx())
    html = page(response)
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="panel" id="evidence">')  # the panel only, no page
    assert "<html" not in html
    evidence = ReportFile.objects.get(report=q1_draft)
    digest = hashlib.sha256(PDF).hexdigest()
    assert (evidence.original_name, evidence.sha256, evidence.uploaded_by) == (
        "会议纪要.pdf",
        digest,
        town.liaison_a,
    )
    assert "会议纪要.pdf" in html and f">{digest[:12]}</code>" in html and "张三" in html
    assert reverse("evidence_download", args=[evidence.pk]) in html
    assert 'name="files"' in html  # the form is back, empty, for the next file


def test_several_files_at_once(client, town, q1_draft):
    client.force_login(town.liaison_a)
    _upload(client, q1_draft, _file("a.pdf"), _file("b.docx", docx_bytes()), **htmx())
    assert sorted(ReportFile.objects.values_list("original_name", flat=True)) == ["a.pdf", "b.docx"]


def test_disallowed_type_is_refused_and_nothing_is_stored(client, town, q1_draft, media_root):
    client.force_login(town.liaison_a)
    response = _upload(client, q1_draft, _file("页面.html", b"<script>alert(1)</script>"), **htmx())
    html = page(response)
    assert "类型不允许上传" in html and "file type is not allowed" not in html
    assert not ReportFile.objects.exists()
    assert _stored(media_root) == []


def test_too_large_is_refused_and_nothing_is_stored(client, town, q1_draft, media_root, settings):
    settings.TAIZHANG_EVIDENCE_MAX_BYTES = 10
    client.force_login(town.liaison_a)
    html = page(_upload(client, q1_draft, _file(content=b"x" * 11), **htmx()))
    assert "超过" in html and "larger than" not in html
    assert not ReportFile.objects.exists()
    assert _stored(media_root) == []


def test_one_refused_file_refuses_the_whole_upload(client, town, q1_draft, media_root):
    client.force_login(town.liaison_a)
    _upload(client, q1_draft, _file("a.pdf"), _file("b.exe", b"MZ"), **htmx())
    assert not ReportFile.objects.exists()
    assert _stored(media_root) == []


def test_without_htmx_a_refusal_renders_the_page_with_422(client, town, q1_draft):
    client.force_login(town.liaison_a)
    response = _upload(client, q1_draft, _file("a.exe", b"MZ"))
    assert response.status_code == 422
    assert "<html" in page(response) and "类型不允许上传" in page(response)


def test_without_htmx_an_upload_returns_to_the_report(client, town, q1_draft):
    client.force_login(town.liaison_a)
    response = _upload(client, q1_draft, _file())
    assert response.status_code == 302 and response["Location"] == edit_url(town.line_a1)
    assert ReportFile.objects.filter(report=q1_draft).count() == 1


def test_a_submitted_report_takes_no_more_files(client, town, q1_submitted, media_root):
    client.force_login(town.liaison_a)
    html = page(_upload(client, q1_submitted, _file(content=b"%PDF-1.4 late"), **htmx()))
    assert "退回前不能修改" in html and "locked" not in html
    assert not ReportFile.objects.exists()
    assert 'name="files"' not in html


def test_another_units_liaison_gets_404(client, town, q1_draft):
    client.force_login(town.liaison_b)
    assert _upload(client, q1_draft, _file(), **htmx()).status_code == 404
    assert not ReportFile.objects.exists()


def test_a_unit_head_may_not_upload(client, town, q1_draft):
    client.force_login(town.head_a)
    assert _upload(client, q1_draft, _file()).status_code == 403
    assert not ReportFile.objects.exists()


def test_no_file_chosen_is_refused(client, town, q1_draft):
    client.force_login(town.liaison_a)
    html = page(client.post(reverse("evidence_upload", args=[q1_draft.pk]), {}, headers=htmx()))
    assert "请选择文件" in html and "Choose a file" not in html


def test_a_file_uploaded_through_the_page_is_scanned_once(client, town, q1_draft, settings, monkeypatch):
    scanned = []
    monkeypatch.setattr("taizhang.files.checks.clamd_scan", lambda f, **_: scanned.append(f.read()) or None)
    settings.TAIZHANG_CLAMD_SOCKET = "/run/clamd.sock"
    client.force_login(town.liaison_a)
    assert _upload(client, q1_draft, _file(), **htmx()).status_code == 200
    assert ReportFile.objects.filter(report=q1_draft).count() == 1
    assert scanned == [PDF]
