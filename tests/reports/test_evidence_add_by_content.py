"""evidence_add refuses an upload whose content is not what its name says, or is a program, a web page,
script or a virus, with its files code; nothing is stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.files.codes import FileCode
from taizhang.lib.refusal import Refusal
from taizhang.reports.models import ReportFile
from taizhang.reports.services import evidence_add
from tests.files import samples

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("纪要.pdf", samples.HTML, FileCode.ACTIVE_CONTENT),
        ("照片.png", samples.SVG, FileCode.ACTIVE_CONTENT),
        ("纪要.pdf", samples.EXE, FileCode.EXECUTABLE),
        ("纪要.docx", samples.EXE, FileCode.EXECUTABLE),
        ("纪要.pdf", samples.EICAR, FileCode.VIRUS),
        ("纪要.docx", samples.OLE, FileCode.TYPE_MISMATCH),
        ("纪要.docx", samples.zip_bytes(), FileCode.ARCHIVE),
    ],
)
def test_a_bad_upload_is_refused_with_its_code_and_nothing_is_stored(
    draft, liaison, media_root, name, content, code
):
    with pytest.raises(Refusal) as refused:
        evidence_add(report=draft, upload=SimpleUploadedFile(name, content), actor=liaison)
    assert refused.value.code == code
    assert not ReportFile.objects.exists()
    assert not [p for p in media_root.rglob("*") if p.is_file()]


@pytest.mark.parametrize(
    ("name", "content"),
    [("纪要.docx", samples.docx_bytes()), ("台账.xlsx", samples.xlsx_bytes()), ("照片.png", samples.PNG)],
)
def test_real_office_files_and_images_are_still_taken(draft, liaison, name, content):
    evidence = evidence_add(report=draft, upload=SimpleUploadedFile(name, content), actor=liaison)
    assert evidence.original_name == name
