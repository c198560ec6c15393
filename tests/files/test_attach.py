"""attach: the content stored once under its digest (one Blob however often it is attached, to whichever
owner), a row in the owner's own table, and its audit entry."""

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from taizhang.audit.models import AuditEvent
from taizhang.files.checks import upload_check
from taizhang.files.models import Blob
from taizhang.files.services import attach
from taizhang.inspections.models import FindingFile
from taizhang.reports.models import ReportFile
from tests.factories import make_finding, make_report, make_user
from tests.worlds import media_root  # noqa: F401  (shared fixture: uploads in a folder of the test's own)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 the same content"


def _attach(table, **owner):
    checked = upload_check(SimpleUploadedFile("纪要.pdf", PDF))
    with transaction.atomic():
        return attach(table, upload=checked, actor=make_user(), **owner)


def test_the_same_content_for_two_owners_is_one_blob(media_root):  # noqa: F811
    on_report = _attach(ReportFile, report=make_report())
    on_finding = _attach(FindingFile, finding=make_finding())
    digest = hashlib.sha256(PDF).hexdigest()
    (blob,) = Blob.objects.all()
    assert on_report.blob == on_finding.blob == blob
    assert (blob.sha256, blob.size, blob.file.name) == (digest, len(PDF), f"evidence/{digest[:2]}/{digest}")
    assert default_storage.open(blob.file.name).read() == PDF
    assert [p.name for p in media_root.rglob("*") if p.is_file()] == [digest]


def test_each_file_is_audited_in_its_owners_table(media_root):  # noqa: F811
    evidence = _attach(FindingFile, finding=make_finding())
    event = AuditEvent.objects.get(action="evidence.add")
    assert (event.object_type, event.object_id) == ("inspections.findingfile", str(evidence.pk))
