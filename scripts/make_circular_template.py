"""Build the circular (通报) template shipped with taizhang: taizhang/circulars/templates_docx/circular.docx.

Run once, and again only to change the layout; the .docx is committed, and the app fills its placeholders
(``taizhang.circulars.docx``). An office may replace it with its own Word file for its region and kind of
circular, using the same placeholders.

Layout after GB/T 9704-2012 《党政机关公文格式》, as far as a template can hold it:

- A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 mm × 225 mm).
- 发文机关标志 (红头) in red 方正小标宋简体, 35 mm below the top of the 版心; 发文字号 centred two lines
  below it, with the red 分隔线 under it (a paragraph border 4 mm below the text, as wide as the 版心).
- 标题 in 2号 (22 pt) 方正小标宋简体, centred, two lines below the rule.
- 正文 in 3号 (16 pt) 仿宋_GB2312, first line indented two characters; 22 lines of 28 characters a page:
  the document grid (``w:docGrid`` linesAndChars, line pitch 28.95 pt = 225 mm / 22, character pitch
  156 mm / 28) and an exact line spacing of the same 28.95 pt. 一级标题 (一、) in 3号 黑体, 二级标题 (（一）)
  in 3号 楷体_GB2312.
- 附件说明 (``{{附件说明}}``) one blank line under the body, two characters in; removed when empty.
- 成文日期 right-aligned four characters in from the right edge, 发文机关署名 centred over it (the filler
  sets the signature's indent from the two texts' widths, ``wordtemplate._centre_signature``).
- The attachment after the signature on a new page: ``{{附件标识}}`` (附件, 3号 黑体, flush left),
  ``{{附件名称}}`` (2号 小标宋, centred) and the findings table (单位 / 问题 / 严重程度 / 整改要求), one
  row repeated per finding, its header repeated on each page, no row split across pages.
- 版记 at the foot of the last page: a table anchored to the bottom margin, first and last rules thick
  (0.35 mm), the one between thin (0.25 mm), as wide as the 版心; ``抄送：{{抄送}}。`` one character in on
  each side (the row is removed when there is nothing to copy to), ``{{印发机关}}`` one character in on the
  left and ``{{印发日期}}印发`` one character in on the right, in 4号 仿宋.
- 页码 "— 1 —" in 4号 (14 pt) 宋体, odd pages on the right and even pages on the left, one character in.

Fonts: 仿宋_GB2312, 方正小标宋简体, 楷体_GB2312 are what offices install; the font table names 仿宋, 宋体 and
楷体 as their alternates (``w:altName``), which Word and WPS use where the first is missing.

    .venv/bin/python scripts/make_circular_template.py [OUT]
"""

from __future__ import annotations

import math
import sys
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "taizhang" / "circulars" / "templates_docx" / "circular.docx"

RED = RGBColor(0xFF, 0x00, 0x00)
THICK, THIN = 8, 6  # 版记 rules in eighths of a point: 0.35 mm ≈ 1 pt, 0.25 mm ≈ 0.75 pt
LINE = Pt(28.95)  # 225 mm / 22 lines
CHAR = Pt(16)  # one character of 3号
LINE_PITCH = 579  # the grid's line pitch: 28.95 pt in twentieths of a point
# 28 characters a line: 156 mm / 28 = 15.79 pt a character, so the 16 pt text is set 0.25 pt tighter
# (w:spacing, twentieths of a point; -5: 28 × 15.75 pt fits, 28 × 15.8 does not). Not a linesAndChars
# grid: LibreOffice lays that out in its square mode, a character as wide as the line pitch (17 a line);
# the tightening gives 28 in Word, WPS and LibreOffice alike.
CHAR_TIGHTEN = math.floor((Mm(156).pt / 28 - 16) * 20)

FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
HEITI = "黑体"
KAITI = "楷体_GB2312"
SONGTI = "宋体"
# Font-table entries: name → (alternate, family, pitch). Word/WPS substitute the alternate when the font is
# not installed.
FONTS = {
    FANGSONG: ("仿宋", "modern", "fixed"),
    XIAOBIAOSONG: ("宋体", "script", "variable"),
    KAITI: ("楷体", "modern", "fixed"),
    HEITI: ("SimHei", "modern", "fixed"),
    SONGTI: ("SimSun", "auto", "variable"),
}


def set_fonts(style_or_run, east_asian: str, *, latin: str = "Times New Roman") -> None:
    """Latin text in ``latin`` and Chinese in ``east_asian``: python-docx's ``font.name`` sets only the
    Latin slots, so the East Asian one is written into ``w:rFonts`` here."""
    style_or_run.font.name = latin
    fonts = style_or_run.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def paragraph_style(doc, name: str, *, base: str | None = "Normal", font: str = FANGSONG, size: Pt = CHAR):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base:
        style.base_style = doc.styles[base]
    style.quick_style = True
    set_fonts(style, font)
    style.font.size = size
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    return style


def exact_lines(style, height=LINE) -> None:
    style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    style.paragraph_format.line_spacing = height


def build_styles(doc) -> None:
    normal = doc.styles["Normal"]
    set_fonts(normal, FANGSONG)
    normal.font.size = CHAR
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    exact_lines(normal)
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        defaults.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    size = defaults.find(qn("w:sz"))
    if size is not None:
        size.set(qn("w:val"), "32")  # 3号 as the document's default size too
    tighten = OxmlElement("w:spacing")
    tighten.set(qn("w:val"), str(CHAR_TIGHTEN))
    rpr = normal.element.get_or_add_rPr()
    rpr.insert_element_before(
        tighten,
        "w:w",
        "w:kern",
        "w:position",
        "w:sz",
        "w:szCs",
        "w:highlight",
        "w:u",
        "w:effect",
        "w:bdr",
        "w:shd",
        "w:fitText",
        "w:vertAlign",
        "w:rtl",
        "w:cs",
        "w:em",
        "w:lang",
        "w:eastAsianLayout",
        "w:specVanish",
        "w:oMath",
    )

    head = paragraph_style(doc, "发文机关标志", font=XIAOBIAOSONG, size=Pt(36))
    head.font.color.rgb = RED
    head.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.paragraph_format.space_before = Mm(35)
    exact_lines(head, Pt(48))
    _no_grid(head)

    number = paragraph_style(doc, "发文字号")
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.paragraph_format.space_before = LINE * 2
    exact_lines(number)
    _red_rule_below(number)

    title = paragraph_style(doc, "通报标题", font=XIAOBIAOSONG, size=Pt(22))
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = LINE * 2
    title.paragraph_format.space_after = LINE
    exact_lines(title, Pt(35))

    body = paragraph_style(doc, "通报正文")
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = CHAR * 2
    exact_lines(body)

    to = paragraph_style(doc, "通报主送", base="通报正文")
    to.paragraph_format.first_line_indent = Pt(0)

    paragraph_style(doc, "通报一级标题", base="通报正文", font=HEITI)
    paragraph_style(doc, "通报二级标题", base="通报正文", font=KAITI)

    sign = paragraph_style(doc, "通报署名")
    sign.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sign.paragraph_format.right_indent = CHAR * 4
    exact_lines(sign)

    note = paragraph_style(doc, "通报附件说明", base="通报正文")
    note.paragraph_format.space_before = LINE  # one blank line under the body

    mark = paragraph_style(doc, "通报附件标识", font=HEITI)
    mark.paragraph_format.page_break_before = True  # 附件另面编排
    exact_lines(mark)
    attachment_title = paragraph_style(doc, "通报附件标题", font=XIAOBIAOSONG, size=Pt(22))
    attachment_title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    attachment_title.paragraph_format.space_after = LINE
    exact_lines(attachment_title, Pt(35))

    record = paragraph_style(doc, "版记", size=Pt(14))
    exact_lines(record)

    cell = paragraph_style(doc, "通报表格", size=Pt(14))
    cell.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    cell.paragraph_format.space_before = Pt(3)
    cell.paragraph_format.space_after = Pt(3)
    paragraph_style(
        doc, "通报表头", base="通报表格", font=HEITI, size=Pt(14)
    ).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    page = paragraph_style(doc, "页码", font=SONGTI, size=Pt(14))
    page.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


# What follows w:snapToGrid and w:pBdr in w:pPr (ECMA-376 CT_PPrBase): Word refuses elements out of order.
_AFTER_SNAP = (
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_PBDR = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    *_AFTER_SNAP,
)  # fmt: skip


def _no_grid(style) -> None:
    ppr = style.element.get_or_add_pPr()
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.insert_element_before(snap, *_AFTER_SNAP)


def _red_rule_below(style) -> None:
    """The 分隔线: a red bottom border 4 mm (11 pt) below the 发文字号, as wide as the 版心."""
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "11"), ("color", "FF0000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_AFTER_PBDR)


def page_setup(doc) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(23)  # the 页码 7 mm below the 版心
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))

    doc.settings.odd_and_even_pages_header_footer = True
    style = doc.styles["页码"]
    _page_number(section.footer.paragraphs[0], style, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], style, WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph, style, alignment) -> None:
    """— PAGE — in 4号 宋体, one character in from the outer edge."""
    paragraph.style = style
    paragraph.alignment = alignment
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = Pt(14)
    else:
        paragraph.paragraph_format.left_indent = Pt(14)
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" —")  # appended after the field


def findings_table(doc) -> None:
    widths = (Mm(32), Mm(60), Mm(26), Mm(38))  # 156 mm, the width of the 版心
    table = doc.add_table(rows=2, cols=4)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for row, texts, style in (
        (table.rows[0], ("单位", "问题", "严重程度", "整改要求"), "通报表头"),
        (table.rows[1], ("{{单位}}", "{{问题}}", "{{严重程度}}", "{{整改要求}}"), "通报表格"),
    ):
        for column, cell, text, width in zip(table.columns, row.cells, texts, widths, strict=True):
            column.width = width
            cell.width = width
            paragraph = cell.paragraphs[0]
            paragraph.style = doc.styles[style]
            paragraph.add_run(text)
    for row in table.rows:
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))  # a row is never cut across two pages
    repeat = OxmlElement("w:tblHeader")  # the header row again on each page
    table.rows[0]._tr.get_or_add_trPr().append(repeat)


def record_paragraphs(doc) -> None:
    """版记: ``抄送：…。`` and ``印发机关 … 印发日期印发``, each a paragraph in a frame (``w:framePr``) held
    at the foot of the text area: the 印发 line aligned to the bottom, the 抄送 line just above it (the
    filler sets its ``w:y`` from the length of the 抄送 list, ``wordtemplate._place_copy_to``). One frame
    each: LibreOffice loses a frame of two bordered paragraphs. The rules are paragraph borders as wide as
    the 版心 — thick first and last, thin between; the text keeps one character from each edge (a
    full-width space and a right tab)."""
    copy_to = doc.add_paragraph("\u3000抄送：{{抄送}}。", style="版记")
    doc.add_paragraph("", style="版记").paragraph_format.line_spacing = Pt(1)
    printed = doc.add_paragraph("\u3000{{印发机关}}\t{{印发日期}}印发\u3000", style="版记")
    printed.paragraph_format.tab_stops.add_tab_stop(Mm(156), WD_TAB_ALIGNMENT.RIGHT)
    for paragraph, place, top, bottom in (
        (copy_to, ("y", "0"), THICK, None),
        (printed, ("yAlign", "bottom"), THIN, THICK),
    ):
        ppr = paragraph._p.get_or_add_pPr()
        frame = OxmlElement("w:framePr")
        for key, value in (
            ("w", str(int(Mm(156).twips))),
            ("wrap", "around"),
            ("vAnchor", "margin"),
            ("hAnchor", "margin"),
            ("xAlign", "left"),
            place,
        ):
            frame.set(qn(f"w:{key}"), value)
        ppr.insert_element_before(
            frame,
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            *_AFTER_PBDR[2:],
        )
        borders = OxmlElement("w:pBdr")
        for side, size in (("top", top), ("bottom", bottom)):
            if size:
                border = OxmlElement(f"w:{side}")
                for key, value in (("val", "single"), ("sz", str(size)), ("space", "1"), ("color", "000000")):
                    border.set(qn(f"w:{key}"), value)
                borders.append(border)
        ppr.insert_element_before(borders, *_AFTER_PBDR)


def build() -> bytes:
    doc = Document()
    build_styles(doc)
    page_setup(doc)
    body = doc.paragraphs[0] if doc.paragraphs else doc.add_paragraph()
    body.style = doc.styles["发文机关标志"]
    body.add_run("{{发文机关}}文件")
    doc.add_paragraph("{{文号}}", style="发文字号")
    doc.add_paragraph("{{标题}}", style="通报标题")
    doc.add_paragraph("{{正文}}", style="通报正文")
    doc.add_paragraph("{{附件说明}}", style="通报附件说明")
    doc.add_paragraph("", style="通报正文")
    doc.add_paragraph("", style="通报正文")
    doc.add_paragraph("{{发文机关}}", style="通报署名")
    doc.add_paragraph("{{成文日期}}", style="通报署名")
    doc.add_paragraph("{{附件标识}}", style="通报附件标识")
    doc.add_paragraph("{{附件名称}}", style="通报附件标题")
    findings_table(doc)
    record_paragraphs(doc)
    props = doc.core_properties
    props.title, props.author, props.comments = "通报模板", "taizhang", "GB/T 9704-2012 公文格式"
    props.last_modified_by = "taizhang"
    _font_table(doc)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _font_table(doc) -> None:
    """Declare the Chinese fonts with their alternates in word/fontTable.xml."""
    from lxml import etree

    part = next(p for p in doc.part.package.parts if p.partname == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    for name, (alternate, family, pitch) in FONTS.items():
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("altName", alternate), ("charset", "86"), ("family", family), ("pitch", pitch)):
            etree.SubElement(font, qn(f"w:{tag}")).set(qn("w:val"), value)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build())
    print(out)
