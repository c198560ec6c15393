"""The case pages: the office side reads the region's cases whole; a unit reads a case against itself only
once decided, without the complaints, surveys, documents or findings it may not read; documents are
uploaded and served to the office side only."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from taizhang.accountability.services import case_decide, case_evidence_add, case_open
from tests.factories import make_finding, make_inspection

pytestmark = pytest.mark.django_db
TODAY = date(2021, 5, 10)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def case(city):
    covert = make_inspection(region=city.region, units=[city.a], kind="covert", title="暗访未公开")
    case = case_open(
        actor=city.admin,
        unit=city.a,
        title="案由甲",
        opened_on=TODAY,
        complaints="举报内容",
        surveys="测评内容",
        findings=[make_finding(inspection=covert, unit=city.a, description="暗访问题")],
    )
    pdf = SimpleUploadedFile("立案审批表.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    case_evidence_add(actor=city.admin, case=case, files=[pdf])
    return case


def test_the_office_side_reads_the_case_whole(city, case):
    page = _client(city.inspector).get(f"/accountability/{case.pk}/").content.decode()
    assert all(text in page for text in ("案由甲", "举报内容", "测评内容", "立案审批表.pdf", "暗访问题"))
    assert "作出处理" not in page
    assert "作出处理" in _client(city.admin).get(f"/accountability/{case.pk}/").content.decode()
    document = case.evidence.get()
    download = _client(city.leader).get(f"/accountability/files/{document.pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")


def test_a_unit_reads_a_case_against_it_only_once_decided_and_not_whole(city, case):
    client = _client(city.liaison_a)
    assert client.get(f"/accountability/{case.pk}/").status_code == 404
    assert "案由甲" not in client.get("/accountability/").content.decode()
    case_decide(
        actor=city.admin,
        case=case,
        measure="criticism",
        measure_detail="通报批评",
        decided_on=TODAY,
        expected_version=case.version,
    )
    page = client.get(f"/accountability/{case.pk}/").content.decode()
    assert "案由甲" in page and "通报批评" in page
    assert not any(text in page for text in ("举报内容", "测评内容", "立案审批表.pdf", "暗访问题"))
    assert client.get(f"/accountability/files/{case.evidence.get().pk}/").status_code == 404
    assert _client(city.liaison_b).get(f"/accountability/{case.pk}/").status_code == 404
    assert _client(city.admin_x).get(f"/accountability/{case.pk}/").status_code == 404


def test_the_office_uploads_decides_and_closes_through_the_page(city, case):
    client = _client(city.admin)
    pdf = SimpleUploadedFile("处理决定.pdf", b"%PDF-1.4 y", content_type="application/pdf")
    assert client.post(f"/accountability/{case.pk}/files/", {"files": pdf}).status_code == 302
    decide = {
        "measure": "criticism",
        "measure_detail": "通报",
        "decided_on": "2021-05-10",
        "expected_version": 1,
    }
    assert client.post(f"/accountability/{case.pk}/decide/", decide).status_code == 302
    assert client.post(f"/accountability/{case.pk}/decide/", decide).status_code == 422  # decided already
    close = {"closed_on": "2021-05-10", "expected_version": 1}
    assert client.post(f"/accountability/{case.pk}/close/", close).status_code == 409  # stale
    assert (
        client.post(f"/accountability/{case.pk}/close/", {**close, "expected_version": 2}).status_code == 302
    )
    case.refresh_from_db()
    assert (case.state, case.evidence.count()) == ("closed", 2)


def test_opening_a_case_chooses_the_unit_first_then_its_grounds(city):
    client = _client(city.admin)
    first = client.get("/accountability/new/").content.decode()
    assert 'name="unit"' in first and 'name="title"' not in first
    second = client.get("/accountability/new/", {"unit": city.a.pk}).content.decode()
    assert 'name="title"' in second
