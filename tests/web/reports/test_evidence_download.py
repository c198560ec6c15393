"""evidence_download: the file as an attachment with its original name, only to those who may read the
report; 404 for everyone else."""

from urllib.parse import quote

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from taizhang.reports.periods import period_for
from taizhang.reports.services import evidence_add, report_save_draft
from taizhang.reports.workflow import report_submit
from tests.files.samples import PNG
from tests.web.reports.helpers import PDF, Q1

pytestmark = pytest.mark.django_db


def _get(client, evidence):
    return client.get(reverse("evidence_download", args=[evidence.pk]))


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_units_liaison_downloads_the_file(client, town, q1_evidence):
    client.force_login(town.liaison_a)
    response = _get(client, q1_evidence)
    assert response.status_code == 200
    assert _body(response) == PDF


def test_download_headers_attachment_nosniff_type_and_rfc5987_name(client, town, q1_evidence):
    client.force_login(town.liaison_a)
    response = _get(client, q1_evidence)
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('会议纪要.pdf')}" in disposition
    assert f'filename="evidence-{q1_evidence.pk}.pdf"' in disposition  # ASCII fallback
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]


def test_an_ascii_name_is_kept_as_is(client, town, q1_draft):
    evidence = evidence_add(
        report=q1_draft, upload=SimpleUploadedFile('minutes "final".png', PNG), actor=town.liaison_a
    )
    client.force_login(town.liaison_a)
    response = _get(client, evidence)
    assert response["Content-Disposition"] == (
        "attachment; filename=\"minutes _final_.png\"; filename*=UTF-8''minutes%20%22final%22.png"
    )
    assert response["Content-Type"] == "image/png"


def test_another_units_liaison_gets_404(client, town, q1_evidence, q1_submitted):
    client.force_login(town.liaison_b)
    assert _get(client, q1_evidence).status_code == 404


def test_lead_unit_downloads_its_cooperating_units_sent_evidence(client, town):
    period = period_for(Q1, town.plan.report_cadence)
    report = report_save_draft(
        actor=town.liaison_b, assignment=town.line_b1, period=period, status="done", narrative="已配合完成。"
    )
    evidence = evidence_add(report=report, upload=SimpleUploadedFile("配合.pdf", PDF), actor=town.liaison_b)
    client.force_login(town.liaison_a)  # unit A leads task 1, on which B cooperates
    assert _get(client, evidence).status_code == 404  # still B's draft
    report_submit(actor=town.liaison_b, report=report, expected_version=report.version)
    response = _get(client, evidence)
    assert response.status_code == 200 and _body(response) == PDF


def test_the_office_does_not_see_a_draft_s_evidence(client, town, q1_evidence):
    client.force_login(town.admin)
    assert _get(client, q1_evidence).status_code == 404


def test_a_missing_stored_file_is_404_not_500(client, town, q1_evidence, media_root):
    (media_root / q1_evidence.file.name).unlink()
    client.force_login(town.liaison_a)
    assert _get(client, q1_evidence).status_code == 404


def test_only_get(client, town, q1_evidence):
    client.force_login(town.liaison_a)
    assert client.post(reverse("evidence_download", args=[q1_evidence.pk])).status_code == 405
