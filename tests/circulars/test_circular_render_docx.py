"""circular_render_docx: the built-in template's GB/T 9704 layout, read back with python-docx."""

from __future__ import annotations

import pytest
from django.utils import translation
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from taizhang.circulars.rendering import circular_render_docx
from taizhang.circulars.services import circular_draft, circular_draft_from_inspection
from tests.circulars.docx_reading import (
    color,
    east_asian_font,
    font_size,
    open_docx,
    paragraph_format,
    paragraph_with,
)

pytestmark = pytest.mark.django_db

TOLERANCE = Mm(0.1)


@pytest.fixture
def circular(scene):
    return circular_draft_from_inspection(actor=scene.office, inspection=scene.inspection)


@pytest.fixture
def doc(circular):
    return open_docx(circular_render_docx(circular))


def test_page_is_a4_with_the_official_margins(doc):
    section = doc.sections[0]
    for actual, expected in (
        (section.page_width, Mm(210)),
        (section.page_height, Mm(297)),
        (section.top_margin, Mm(37)),
        (section.bottom_margin, Mm(35)),
        (section.left_margin, Mm(28)),
        (section.right_margin, Mm(26)),
    ):
        assert abs(actual - expected) < TOLERANCE


def test_body_is_fangsong_16pt_indented_two_characters_on_a_28_95pt_line(doc):
    body = next(p for p in doc.paragraphs if p.text.startswith("本次检查共发现问题"))
    assert "仿宋" in east_asian_font(body)
    assert font_size(body) == Pt(16)
    assert paragraph_format(body, "first_line_indent") == Pt(32)
    assert abs(paragraph_format(body, "line_spacing") - Pt(28.95)) < Pt(0.05)


def test_title_is_22pt_xiaobiaosong_centred(doc, circular):
    title = paragraph_with(doc, circular.title)
    assert font_size(title) == Pt(22)
    assert "小标宋" in east_asian_font(title)
    assert paragraph_format(title, "alignment") == WD_ALIGN_PARAGRAPH.CENTER


def test_red_issuer_line_then_the_doc_number_centred_above_a_red_rule(doc, circular):
    issuer = doc.paragraphs[0]
    assert issuer.text == "示范区惩防办文件"
    assert color(issuer) == RGBColor(0xFF, 0, 0)
    assert "小标宋" in east_asian_font(issuer)
    assert font_size(issuer) >= Pt(26)
    number = doc.paragraphs[1]
    assert number.text == circular.doc_number == "示惩防办〔2024〕1号"
    assert paragraph_format(number, "alignment") == WD_ALIGN_PARAGRAPH.CENTER
    rule = number.style.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    assert rule is not None and rule.get(qn("w:color")) == "FF0000"


def test_headings_are_heiti_and_unit_subheadings_kaiti(doc):
    heading = paragraph_with(doc, "一、基本情况")
    assert east_asian_font(heading) == "黑体"
    assert font_size(heading) == Pt(16)
    unit = paragraph_with(doc, "（一）区财政局")
    assert "楷体" in east_asian_font(unit)
    salutation = paragraph_with(doc, "各有关单位：")
    assert not paragraph_format(salutation, "first_line_indent")


def test_findings_table_lists_each_finding_with_severity_and_requirement(doc):
    (table,) = doc.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["单位", "问题", "严重程度", "整改要求"]
    assert rows[1:] == [
        ["区财政局", "“三重一大”事项未集体决策", "严重", "立行立改，按期报送整改情况"],
        ["区财政局", "公务接待台账不全", "一般", "补齐2023年以来公务接待台账（2024年4月30日前完成）"],
        ["区教育局", "廉政风险点排查流于形式", "较重", "立行立改，按期报送整改情况"],
    ]


def test_issuer_and_date_in_arabic_numerals_right_aligned_after_the_body(doc):
    sign, day = [p for p in doc.paragraphs if p.style.name == "通报署名"]
    assert (sign.text, day.text) == ("示范区惩防办", "2024年3月5日")
    assert paragraph_format(day, "alignment") == WD_ALIGN_PARAGRAPH.RIGHT
    assert paragraph_format(sign, "alignment") == WD_ALIGN_PARAGRAPH.RIGHT


def test_footer_has_a_page_number_field_between_dashes_in_14pt_songti(doc):
    section = doc.sections[0]
    for footer in (section.footer, section.even_page_footer):
        paragraph = footer.paragraphs[0]
        fields = paragraph._p.findall(qn("w:fldSimple"))
        assert [f.get(qn("w:instr")).strip() for f in fields] == ["PAGE"]
        assert "".join(t.text for t in paragraph._p.iter(qn("w:t"))) == "— 1 —"  # 1: the field's last value
        assert east_asian_font(paragraph) == "宋体"
        assert font_size(paragraph) == Pt(14)
    assert doc.settings.odd_and_even_pages_header_footer  # odd pages right, even pages left
    assert section.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert section.even_page_footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_no_placeholder_is_left_in_the_document(doc):
    texts = [p.text for p in doc.paragraphs]
    texts += [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    assert not [t for t in texts if "{{" in t]


def test_a_circular_without_findings_has_no_table(scene):
    circular = circular_draft(
        actor=scene.office,
        kind="assessment",
        title="关于2023年度考核结果的通报",
        body="各单位：\n正文。",
        units=[],
    )
    doc = open_docx(circular_render_docx(circular))
    assert doc.tables == []
    assert not [p.text for p in doc.paragraphs if p.text.startswith("附件")]  # nor the 附件 around it
    assert [p.text for p in doc.paragraphs][3:5] == ["各单位：", "正文。"]


def test_braces_typed_into_the_body_stay_as_typed(scene):
    circular = circular_draft(
        actor=scene.office, kind="assessment", title="标题甲", body="示例 {{标题}} 与 {{文号}}", units=[]
    )
    doc = open_docx(circular_render_docx(circular))
    assert "示例 {{标题}} 与 {{文号}}" in [p.text for p in doc.paragraphs]


def test_an_english_page_still_makes_a_chinese_document(circular):
    with translation.override("en"):
        doc = open_docx(circular_render_docx(circular))
    severities = [row.cells[2].text for row in doc.tables[0].rows[1:]]
    assert severities == ["严重", "一般", "较重"]
