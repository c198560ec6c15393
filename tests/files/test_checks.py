"""upload_check / upload_check_all: the extension against the allow-list, the size limit, no empty file,
not too many at once; each refusal a Refusal with its FileCode. Nothing is stored. (The content checks:
test_content_check.py.)"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.files.checks import MAX_FILES, upload_check, upload_check_all
from taizhang.files.codes import FileCode
from taizhang.lib.refusal import CODES, Refusal
from tests.files.samples import ofd_bytes


def _upload(name="纪要.pdf", content=b"%PDF-1.4", claimed="text/html"):
    return SimpleUploadedFile(name, content, content_type=claimed)


def test_the_type_comes_from_the_extension_and_any_path_is_dropped():
    checked = upload_check(_upload("..\\..\\etc\\纪要.PDF"))
    assert (checked.name, checked.content_type) == ("纪要.PDF", "application/pdf")


def test_a_type_mimetypes_does_not_know_is_served_as_its_own():
    assert upload_check(_upload("公文.ofd", ofd_bytes())).content_type == "application/ofd"


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (_upload("脚本.exe"), FileCode.BAD_TYPE),
        (_upload("无扩展名"), FileCode.BAD_TYPE),
        (_upload(content=b""), FileCode.EMPTY),
    ],
)
def test_a_refused_upload_says_why(upload, code):
    with pytest.raises(Refusal) as refused:
        upload_check(upload)
    assert refused.value.code == code and refused.value.zh and refused.value.en


def test_a_file_over_the_limit_is_refused(settings):
    settings.TAIZHANG_EVIDENCE_MAX_BYTES = 4
    with pytest.raises(Refusal) as refused:
        upload_check(_upload(content=b"12345"))
    assert refused.value.code == FileCode.TOO_LARGE


def test_more_than_max_files_at_once_are_refused_all():
    with pytest.raises(Refusal) as refused:
        upload_check_all([_upload(f"{n}.pdf") for n in range(MAX_FILES + 1)])
    assert refused.value.code == FileCode.TOO_MANY
    assert len(upload_check_all([_upload(f"{n}.pdf") for n in range(MAX_FILES)])) == MAX_FILES


def test_the_file_codes_are_listed_for_the_api():
    assert CODES["files"] is FileCode
    assert {"bad_type", "too_large", "empty", "too_many", "type_mismatch", "virus"} <= {
        str(c) for c in FileCode
    }
