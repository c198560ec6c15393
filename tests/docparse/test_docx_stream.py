"""The Word reader streams word/document.xml instead of loading it through python-docx: the package is
found as python-docx found it (relationships, content types), and XML broken anywhere in the body is still
a clean "damaged" refusal, not a plan cut short."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document

from taizhang.docparse import ParseError, parse
from tests.docparse.docx_builder import rewrite_document_xml


def test_xml_broken_after_many_paragraphs_is_refused_whole():
    document = Document()
    for n in range(1, 3001):
        document.add_paragraph(f"{n}.开展第{n}项检查。（区纪委负责）")
    buffer = io.BytesIO()
    document.save(buffer)
    broken = rewrite_document_xml(buffer.getvalue(), lambda xml: xml.replace("第2999项", "第2999项<w:t>", 1))
    with pytest.raises(ParseError) as refused:
        parse(broken, "plan.docx")
    assert refused.value.code == "corrupt_docx"
    assert "已损坏" in refused.value.zh


def test_a_word_template_renamed_docx_is_refused_as_damaged_as_before():
    document = Document()
    document.add_paragraph("1.加强教育。（区纪委负责）")
    buffer = io.BytesIO()
    document.save(buffer)
    source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "[Content_Types].xml":
                content = content.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(name, content)
    with pytest.raises(ParseError) as refused:
        parse(out.getvalue(), "plan.docx")
    assert refused.value.code == "corrupt_docx"
