"""evidence_add: the liaison attaches files while the report is open; type and size are checked first."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.reports.models import ReportFile
from taizhang.reports.services import evidence_add
from tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 minimal"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _upload(name="会议纪要.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="text/html")  # the browser's claim is ignored


def _stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def test_evidence_records_digest_size_and_type_from_the_extension(draft, liaison):
    evidence = evidence_add(report=draft, upload=_upload(), actor=liaison)
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (evidence.size, evidence.content_type, evidence.original_name, evidence.uploaded_by) == (
        len(PDF),
        "application/pdf",
        "会议纪要.pdf",
        liaison,
    )
    assert evidence.file.name == f"evidence/{evidence.sha256[:2]}/{evidence.sha256}"
    assert default_storage.open(evidence.file.name).read() == PDF
    assert AuditEvent.objects.filter(action="evidence.add", object_id=str(evidence.pk)).exists()


def test_the_same_file_twice_is_stored_once(draft, liaison):
    first = evidence_add(report=draft, upload=_upload("a.pdf"), actor=liaison)
    second = evidence_add(report=draft, upload=_upload("b.pdf"), actor=liaison)
    assert first.pk != second.pk and first.file.name == second.file.name


def test_path_in_the_original_name_is_dropped(draft, liaison):
    evidence = evidence_add(report=draft, upload=_upload("..\\..\\etc\\通知.pdf"), actor=liaison)
    assert evidence.original_name == "通知.pdf"


@pytest.mark.parametrize("name", ["page.html", "script.exe", "noextension", "report.pdf.exe"])
def test_types_outside_the_allowed_list_are_refused_with_nothing_saved(draft, liaison, media_root, name):
    with pytest.raises(ValidationError):
        evidence_add(report=draft, upload=_upload(name), actor=liaison)
    assert not ReportFile.objects.exists() and _stored_files(media_root) == []
    assert not AuditEvent.objects.filter(action="evidence.add").exists()


def test_files_over_the_limit_are_refused_with_nothing_saved(settings, draft, liaison, media_root):
    settings.TAIZHANG_EVIDENCE_MAX_BYTES = len(PDF) - 1
    with pytest.raises(ValidationError) as refused:
        evidence_add(report=draft, upload=_upload(), actor=liaison)
    assert "上限" in refused.value.messages[0]
    assert not ReportFile.objects.exists() and _stored_files(media_root) == []


def test_a_file_exactly_at_the_limit_is_taken(settings, draft, liaison):
    settings.TAIZHANG_EVIDENCE_MAX_BYTES = len(PDF)
    assert evidence_add(report=draft, upload=_upload(), actor=liaison).size == len(PDF)


def test_an_empty_file_is_refused(draft, liaison):
    with pytest.raises(ValidationError):
        evidence_add(report=draft, upload=_upload(content=b""), actor=liaison)


@pytest.mark.parametrize("state", ["submitted", "approved", "accepted"])
def test_evidence_cannot_be_added_while_the_report_is_locked(request, liaison, media_root, state):
    report = request.getfixturevalue(state)
    with pytest.raises(Refusal):
        evidence_add(report=report, upload=_upload(), actor=liaison)
    assert not ReportFile.objects.exists() and _stored_files(media_root) == []


def test_evidence_can_be_added_to_a_returned_report(returned, liaison):
    assert evidence_add(report=returned, upload=_upload(), actor=liaison).report == returned


@pytest.mark.parametrize("who", ["head", "office", "other_liaison"])
def test_only_the_units_liaison_adds_evidence(request, draft, line, who):
    if who == "other_liaison":
        actor = make_user(unit=make_unit(region=line.unit.region), role=Role.LIAISON)
    else:
        actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        evidence_add(report=draft, upload=_upload(), actor=actor)
    assert not ReportFile.objects.exists()
