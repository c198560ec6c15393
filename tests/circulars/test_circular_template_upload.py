"""circular_template_upload: an office replaces its region's template per kind; the replaced template is the
one used; a file that is no template is refused with every problem named in Chinese and English."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document

from taizhang.audit.models import AuditEvent
from taizhang.circulars.models import CircularTemplate
from taizhang.circulars.rendering import BUILT_IN_TEMPLATE, circular_render_docx
from taizhang.circulars.services import (
    circular_draft,
    circular_draft_from_inspection,
    circular_template_upload,
)
from taizhang.circulars.wordtemplate import template_problems
from taizhang.lib.refusal import Refusal
from tests.circulars.docx_reading import open_docx
from tests.language import chinese_only

pytestmark = pytest.mark.django_db


def docx_bytes(*paragraphs: str, row: tuple[str, ...] | None = None, split: bool = False) -> bytes:
    """A .docx with these paragraphs (each run of two characters when ``split``, as Word often stores
    text) and, with ``row``, a table whose second row holds ``row``."""
    doc = Document()
    for text in paragraphs:
        paragraph = doc.add_paragraph()
        pieces = [text[i : i + 2] for i in range(0, len(text), 2)] if split else [text]
        for piece in pieces:
            paragraph.add_run(piece)
    if row:
        table = doc.add_table(rows=2, cols=len(row))
        for cell, text in zip(table.rows[1].cells, row, strict=True):
            cell.text = text
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


FULL = ("【本区格式】{{发文机关}}", "{{文号}}", "{{标题}}", "{{正文}}", "{{成文日期}}")
ROW = ("{{单位}}", "{{问题}}", "{{严重程度}}", "{{整改要求}}")


def upload(scene, data: bytes, *, kind="inspection", name="本区模板.docx", actor=None):
    return circular_template_upload(
        actor=actor or scene.office, region=scene.region, kind=kind, upload=BytesIO(data), name=name
    )


def test_the_built_in_template_passes_its_own_check():
    assert template_problems(BUILT_IN_TEMPLATE.read_bytes(), needs_findings=True) == []


def test_a_replaced_template_is_used_for_that_kind_only(scene):
    upload(scene, docx_bytes(*FULL, row=ROW))
    inspection_circular = circular_draft_from_inspection(actor=scene.office, inspection=scene.inspection)
    doc = open_docx(circular_render_docx(inspection_circular))
    assert doc.paragraphs[0].text == "【本区格式】示范区惩防办"
    assert doc.paragraphs[1].text == "示惩防办〔2024〕1号"
    assert len(doc.tables[0].rows) == 1 + 3
    other_kind = circular_draft(actor=scene.office, kind="assessment", title="考核", body="x", units=[])
    assert open_docx(circular_render_docx(other_kind)).paragraphs[0].text == "示范区惩防办文件"  # built-in


def test_placeholders_word_split_across_runs_are_recognised_and_filled(scene):
    upload(scene, docx_bytes(*FULL, split=True, row=ROW), kind="assessment")
    circular = circular_draft(
        actor=scene.office, kind="assessment", title="关于考核的通报", body="正文", units=[]
    )
    texts = [p.text for p in open_docx(circular_render_docx(circular)).paragraphs]
    assert texts[:3] == ["【本区格式】示范区惩防办", "", "关于考核的通报"]


def test_replacing_again_updates_the_row_and_the_audit_keeps_the_old_digest(scene):
    first = upload(scene, docx_bytes(*FULL, row=ROW))
    second = upload(scene, docx_bytes(*FULL, "第二版", row=ROW), name="第二版.docx")
    assert second.pk == first.pk and CircularTemplate.objects.count() == 1
    assert second.original_name == "第二版.docx" and second.sha256 != first.sha256
    event = AuditEvent.objects.filter(action="circular_template.upload").order_by("-id").first()
    assert event.before["sha256"] == first.sha256 and event.after["sha256"] == second.sha256


@pytest.mark.parametrize(
    ("data", "name", "code", "words"),
    [
        (b"%PDF-1.4 not a word file", "模板.docx", "not_docx", ("有效的 Word", "not a valid Word")),
        (docx_bytes(*FULL, row=ROW), "模板.doc", "not_docx", (".docx", ".docx")),
        (
            docx_bytes("{{标题}}", "{{正文}}", row=ROW),
            "模板.docx",
            "missing_placeholder",
            ("{{文号}}", "lacks"),
        ),
        (docx_bytes(*FULL, "{{落款}}", row=ROW), "模板.docx", "unknown_placeholder", ("{{落款}}", "Unknown")),
        (docx_bytes(*FULL), "模板.docx", "findings_row_missing", ("问题清单", "findings table")),
        (
            docx_bytes(*FULL[:3], "正文：{{正文}}", FULL[4], row=ROW),
            "模板.docx",
            "body_not_alone",
            ("单独成段", "alone"),
        ),
    ],
    ids=["pdf", "doc-extension", "missing", "unknown", "no-findings-row", "body-not-alone"],
)
def test_a_bad_template_is_refused_with_a_bilingual_reason(scene, data, name, code, words):
    with pytest.raises(Refusal) as caught:
        upload(scene, data, name=name)
    assert caught.value.code == code
    zh, en = words
    assert zh in caught.value.zh and en in caught.value.en
    assert chinese_only(caught.value.one_line())  # the default language only
    assert not CircularTemplate.objects.exists()


def test_every_problem_is_named_at_once():
    problems = template_problems(docx_bytes("{{标题}} {{正文}}", "{{落款}}"), needs_findings=True)
    assert {p.code for p in problems} == {
        "body_not_alone",
        "unknown_placeholder",
        "missing_placeholder",
        "findings_row_missing",
    }


def test_only_the_regions_office_replaces_its_template(scene):
    with pytest.raises(PermissionDenied):
        upload(scene, docx_bytes(*FULL, row=ROW), actor=scene.other_office)
    with pytest.raises(PermissionDenied):
        upload(scene, docx_bytes(*FULL, row=ROW), actor=scene.liaison_u1)
