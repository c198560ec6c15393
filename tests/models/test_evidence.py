import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from taizhang.reports.models import Evidence, ProgressReport, ReviewState
from taizhang.reports.services import evidence_add
from tests.factories import make_report, make_user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 minimal"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(name="会议纪要.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="text/html")  # the browser's claim is ignored


def test_evidence_records_digest_size_and_type_from_the_extension():
    report = make_report()
    actor = make_user(unit=report.assignment.unit)
    evidence = evidence_add(report=report, upload=_upload(), actor=actor)
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (evidence.size, evidence.content_type, evidence.original_name) == (
        len(PDF),
        "application/pdf",
        "会议纪要.pdf",
    )
    assert evidence.file.name == f"evidence/{evidence.sha256[:2]}/{evidence.sha256}"
    assert default_storage.open(evidence.file.name).read() == PDF


def test_the_same_file_twice_is_stored_once():
    report = make_report()
    actor = make_user(unit=report.assignment.unit)
    first = evidence_add(report=report, upload=_upload("a.pdf"), actor=actor)
    second = evidence_add(report=report, upload=_upload("b.pdf"), actor=actor)
    assert first.pk != second.pk and first.file.name == second.file.name


def test_path_in_the_original_name_is_dropped():
    report = make_report()
    evidence = evidence_add(report=report, upload=_upload("..\\..\\etc\\通知.pdf"), actor=make_user())
    assert evidence.original_name == "通知.pdf"


@pytest.mark.parametrize("name", ["page.html", "script.exe", "noextension"])
def test_types_outside_the_allowed_list_are_refused(name):
    with pytest.raises(ValidationError):
        evidence_add(report=make_report(), upload=_upload(name), actor=make_user())
    assert not Evidence.objects.exists()


def test_files_over_the_limit_are_refused(settings):
    settings.TAIZHANG_EVIDENCE_MAX_BYTES = len(PDF) - 1
    with pytest.raises(ValidationError):
        evidence_add(report=make_report(), upload=_upload(), actor=make_user())


def test_evidence_cannot_be_added_once_the_report_is_submitted():
    report = make_report()
    ProgressReport.objects.filter(pk=report.pk).update(review_state=ReviewState.SUBMITTED)
    report.refresh_from_db()
    with pytest.raises(ValidationError):
        evidence_add(report=report, upload=_upload(), actor=make_user())


def test_evidence_must_have_an_owner():
    with pytest.raises(IntegrityError), transaction.atomic():
        Evidence.objects.create(
            file="evidence/x",
            sha256="0" * 64,
            size=1,
            content_type="application/pdf",
            original_name="x.pdf",
            uploaded_by=make_user(),
        )
