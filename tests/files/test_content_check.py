"""content_check / upload_check: the bytes decide the type, the extension must agree, the use's allow-list
holds, and programs, scripts, HTML/SVG and the EICAR test file are refused whatever their name."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.files.checks import content_check, upload_check
from taizhang.files.codes import FileCode
from taizhang.files.uses import Use
from taizhang.lib.refusal import Refusal
from tests.files import samples


def _refused(name: str, content: bytes, use: Use = Use.EVIDENCE) -> Refusal:
    with pytest.raises(Refusal) as refused:
        upload_check(SimpleUploadedFile(name, content, content_type="application/pdf"), use=use)
    assert refused.value.zh and refused.value.en and name in refused.value.zh
    return refused.value


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("通知.pdf", samples.HTML, FileCode.ACTIVE_CONTENT),
        ("照片.png", samples.SVG, FileCode.ACTIVE_CONTENT),
        ("照片.jpg", b"<svg><script>alert(1)</script></svg>", FileCode.ACTIVE_CONTENT),
        ("纪要.pdf", b"  <a href='javascript:alert(1)'>x</a>", FileCode.ACTIVE_CONTENT),
        ("纪要.pdf", samples.EXE, FileCode.EXECUTABLE),
        ("纪要.docx", samples.EXE, FileCode.EXECUTABLE),
        ("纪要.pdf", samples.ELF, FileCode.EXECUTABLE),
        ("纪要.pdf", samples.SCRIPT, FileCode.EXECUTABLE),
        ("纪要.pdf", samples.EICAR, FileCode.VIRUS),
        ("纪要.pdf", samples.PDF + samples.EICAR, FileCode.VIRUS),
        ("纪要.docx", samples.OLE, FileCode.TYPE_MISMATCH),
        ("纪要.pdf", samples.PNG, FileCode.TYPE_MISMATCH),
        ("纪要.pdf", b"just some words", FileCode.TYPE_MISMATCH),
        ("纪要.docx", samples.zip_bytes(), FileCode.ARCHIVE),
        ("纪要.pdf", samples.zip_bytes(), FileCode.ARCHIVE),
        ("纪要.xlsx", samples.docx_bytes(), FileCode.TYPE_MISMATCH),
        ("纪要.docx", b"PK\x03\x04 not really a zip", FileCode.BAD_PACKAGE),
    ],
)
def test_a_bad_upload_is_refused_with_its_code_whatever_its_name(name, content, code):
    assert _refused(name, content).code == code


def test_a_macro_enabled_document_named_docx_is_not_a_docx():
    docm = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(samples.docx_bytes())) as source, zipfile.ZipFile(docm, "w") as target:
        for item in source.infolist():
            part = source.read(item)
            if item.filename == "[Content_Types].xml":
                part = part.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            target.writestr(item, part)
    refusal = _refused("宏.docx", docm.getvalue())
    assert refusal.code == FileCode.TYPE_MISMATCH and "启用宏" in refusal.zh


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("纪要.pdf", samples.PDF),
        ("纪要.PDF", samples.PDF),
        ("纪要.docx", samples.docx_bytes()),
        ("台账.xlsx", samples.xlsx_bytes()),
        ("旧版.doc", samples.OLE),
        ("旧版.xls", samples.OLE),
        ("照片.jpg", samples.JPEG),
        ("照片.jpeg", samples.JPEG),
        ("截图.png", samples.PNG),
        ("公文.ofd", samples.ofd_bytes()),
        ("扫描件.zip", samples.zip_bytes()),
    ],
)
def test_the_allowed_types_are_taken_as_evidence(name, content):
    checked = upload_check(SimpleUploadedFile(name, content))
    assert checked.name == name and checked.upload.tell() == 0


def test_an_archive_is_refused_where_the_use_takes_none(settings):
    settings.TAIZHANG_EVIDENCE_TYPES = ["pdf"]
    assert _refused("扫描件.zip", samples.zip_bytes()).code == FileCode.BAD_TYPE


@pytest.mark.parametrize(
    ("use", "good", "bad"),
    [
        (Use.PLAN_SOURCE, ("方案.docx", samples.docx_bytes()), ("方案.pdf", samples.PDF)),
        (Use.PLAN_SOURCE, ("方案.txt", "一、加强教育\n".encode("gb18030")), ("方案.txt", samples.HTML)),
        (Use.CIRCULAR_TEMPLATE, ("模板.docx", samples.docx_bytes()), ("模板.xlsx", samples.xlsx_bytes())),
        (Use.REGULATION_CATALOGUE, ("目录.xlsx", samples.xlsx_bytes()), ("目录.xls", samples.OLE)),
        (Use.ONBOARDING_SHEET, ("名册.xlsx", samples.xlsx_bytes()), ("名册.csv", b"a,b\n")),
    ],
)
def test_each_use_takes_its_own_types_only(use, good, bad):
    name, content = good
    assert content_check(io.BytesIO(content), name=name, use=use)
    with pytest.raises(Refusal):
        content_check(io.BytesIO(bad[1]), name=bad[0], use=use)


def test_utf16_text_with_its_bom_is_text():
    data = "一、加强教育\n".encode("utf-16")
    assert content_check(io.BytesIO(data), name="方案.txt", use=Use.PLAN_SOURCE) == "text"
