"""Word (.docx) plans built in memory for the parser tests, so no binary fixture lives in the repository.

Each builder returns the bytes of a .docx file; ``EXPECTED_*`` beside it is the hand-written result, in the
same shape as ``tests/fixtures/layouts/*.json``.
"""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

# Ids well above the ones python-docx's default template already uses (abstractNum 0-8, num 1-9).
ABSTRACT_NUM_ID = 90
NUM_ID = 90

# One multilevel list as Word writes it for a Chinese plan: 一、 → （一） → 1.  Level 1 and 2 restart
# whenever a higher level appears (Word's default), so the printed number is never in the paragraph text.
_MULTILEVEL_LIST = f"""
<w:abstractNum {nsdecls("w")} w:abstractNumId="{ABSTRACT_NUM_ID}">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0">
    <w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
    <w:suff w:val="nothing"/><w:lvlJc w:val="left"/>
  </w:lvl>
  <w:lvl w:ilvl="1">
    <w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
    <w:suff w:val="nothing"/><w:lvlJc w:val="left"/>
  </w:lvl>
  <w:lvl w:ilvl="2">
    <w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/>
    <w:suff w:val="nothing"/><w:lvlJc w:val="left"/>
  </w:lvl>
</w:abstractNum>
"""
_NUM = f'<w:num {nsdecls("w")} w:numId="{NUM_ID}"><w:abstractNumId w:val="{ABSTRACT_NUM_ID}"/></w:num>'


def _to_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_multilevel_list(document) -> None:
    numbering = document.part.numbering_part.element
    abstract = parse_xml(_MULTILEVEL_LIST)
    first_num = numbering.find(qn("w:num"))
    if first_num is None:
        numbering.append(abstract)
    else:
        first_num.addprevious(abstract)  # the schema wants every abstractNum before the first num
    numbering.append(parse_xml(_NUM))


def _numbered(document, text: str, ilvl: int) -> None:
    paragraph = document.add_paragraph(text)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = NUM_ID


def _title(document, text: str) -> None:
    document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER


# --- (a) headings and tasks numbered by Word, label paragraphs after each task --------------------------

AUTO_NUMBERING_TITLE = "XX市2022年惩治和预防腐败体系建设任务分工"

# (ilvl, text) for numbered paragraphs, (None, text) for plain ones.
_AUTO_NUMBERING_BODY: list[tuple[int | None, str]] = [
    (None, "为深入推进全市惩治和预防腐败体系建设，根据省委有关部署，结合我市实际，制定本任务分工。"),
    (0, "加强思想政治教育"),
    (1, "筑牢理想信念根基"),
    (2, "组织开展党史学习教育，引导党员干部学史明理、学史增信。"),
    (None, "牵头单位：市委宣传部"),
    (None, "配合单位：市委组织部、市委党校"),
    (None, "完成时限：2022年6月底前"),
    (2, "把廉洁从政教育纳入市委党校主体班次必修课程。"),
    (None, "牵头单位：市委党校"),
    (None, "配合单位：市纪委监委"),
    (None, "完成时限：长期坚持"),
    (1, "加强警示教育"),
    (2, "召开全市警示教育大会，通报典型案例。"),
    (None, "牵头单位：市纪委监委"),
    (None, "配合单位：市委宣传部"),
    (None, "完成时限：2022年3月底前"),
    (2, "组织新提任市管干部参观廉政教育基地。"),
    (None, "负责单位：市委组织部"),
    (0, "强化监督执纪"),
    (1, "深化政治监督"),
    (2, "开展贯彻落实党中央重大决策部署情况专项监督检查。"),
    (None, "牵头单位：市纪委监委"),
    (None, "配合单位：市委办公室、市政府办公室"),
    (None, "完成时限：2022年12月底前"),
    (2, "加强对各县（市、区）党委落实全面从严治党主体责任情况的监督。"),
    (None, "牵头单位：市纪委监委"),
    (None, "配合单位：各县（市、区）党委"),
    (1, "严肃查处违纪违法案件"),
    (2, "健全纪检监察机关与审判、检察、公安、审计机关协作配合机制。"),
    (None, "牵头单位：市纪委监委"),
    (None, "配合单位：市法院、市检察院、市公安局、市审计局"),
    (None, "完成时限：2022年9月底前"),
    (0, "保障措施"),
    (None, "各牵头单位要切实履行牵头职责，会同配合单位制定具体措施，确保各项任务按期完成。"),
]


def plan_with_automatic_numbering() -> bytes:
    """A plan whose 一、/（一）/1. come from Word's numbering.xml, not from the paragraph text."""
    document = Document()
    _add_multilevel_list(document)
    _title(document, AUTO_NUMBERING_TITLE)
    for ilvl, text in _AUTO_NUMBERING_BODY:
        if ilvl is None:
            document.add_paragraph(text)
        else:
            _numbered(document, text, ilvl)
    return _to_bytes(document)


_EDUCATION = ["加强思想政治教育", "筑牢理想信念根基"]
_WARNING_EDU = ["加强思想政治教育", "加强警示教育"]
_POLITICAL = ["强化监督执纪", "深化政治监督"]
_CASES = ["强化监督执纪", "严肃查处违纪违法案件"]

EXPECTED_AUTO_NUMBERING: dict = {
    "title": AUTO_NUMBERING_TITLE,
    "kind": "task_plan",
    "tasks": [
        {
            "number": "1",
            "section_path": _EDUCATION,
            "text": "组织开展党史学习教育，引导党员干部学史明理、学史增信。",
            "lead": ["市委宣传部"],
            "cooperating": ["市委组织部", "市委党校"],
            "responsible": [],
            "deadline": "2022年6月底前",
        },
        {
            "number": "2",
            "section_path": _EDUCATION,
            "text": "把廉洁从政教育纳入市委党校主体班次必修课程。",
            "lead": ["市委党校"],
            "cooperating": ["市纪委监委"],
            "responsible": [],
            "deadline": "长期坚持",
        },
        {
            "number": "1",
            "section_path": _WARNING_EDU,
            "text": "召开全市警示教育大会，通报典型案例。",
            "lead": ["市纪委监委"],
            "cooperating": ["市委宣传部"],
            "responsible": [],
            "deadline": "2022年3月底前",
        },
        {
            "number": "2",
            "section_path": _WARNING_EDU,
            "text": "组织新提任市管干部参观廉政教育基地。",
            "lead": [],
            "cooperating": [],
            "responsible": ["市委组织部"],
            "deadline": None,
        },
        {
            "number": "1",
            "section_path": _POLITICAL,
            "text": "开展贯彻落实党中央重大决策部署情况专项监督检查。",
            "lead": ["市纪委监委"],
            "cooperating": ["市委办公室", "市政府办公室"],
            "responsible": [],
            "deadline": "2022年12月底前",
        },
        {
            "number": "2",
            "section_path": _POLITICAL,
            "text": "加强对各县（市、区）党委落实全面从严治党主体责任情况的监督。",
            "lead": ["市纪委监委"],
            "cooperating": ["各县（市、区）党委"],
            "responsible": [],
            "deadline": None,
        },
        {
            "number": "1",
            "section_path": _CASES,
            "text": "健全纪检监察机关与审判、检察、公安、审计机关协作配合机制。",
            "lead": ["市纪委监委"],
            "cooperating": ["市法院", "市检察院", "市公安局", "市审计局"],
            "responsible": [],
            "deadline": "2022年9月底前",
        },
    ],
}


# --- (b) the plan as a Word table: merged category column, a cell holding two paragraphs ----------------

TABLE_TITLE = "XX市2022年惩防体系建设重点任务分工表"
TABLE_HEADER = ["序号", "任务类别", "工作任务", "牵头单位", "配合单位", "完成时限"]

# Category cells are merged vertically (vMerge) over their group; a list value in a cell means one
# paragraph per item.
_TABLE_ROWS: list[list[str | list[str]]] = [
    ["1", "监督执纪", "开展“一把手”和领导班子监督专项检查。", "市纪委监委", "市委组织部", "2022年9月底前"],
    ["2", "", "深化运用监督执纪“四种形态”，抓早抓小、防微杜渐。", "市纪委监委", "各单位", "长期坚持"],
    [
        "3",
        "",
        ["健全巡察整改监督机制。", "推动巡察发现问题整改到位、建章立制。"],
        "市委巡察办",
        "市纪委监委",
        "2022年12月底前",
    ],
    [
        "4",
        "制度建设",
        "修订《市管国有企业负责人履职待遇、业务支出管理办法》。",
        "市国资委",
        ["市财政局", "市审计局"],
        "2022年10月底前",
    ],
    ["5", "", "制定公职人员兼职取酬管理规定。", "市委组织部", "市人力资源社会保障局", "2022年11月底前"],
]
_CATEGORY_GROUPS = [(1, 3), (4, 5)]  # table row ranges (header is row 0) sharing one category cell


def plan_as_table() -> bytes:
    """A task table as offices write it in Word: header row, merged 任务类别 cells, stacked paragraphs."""
    document = Document()
    _title(document, TABLE_TITLE)
    table = document.add_table(rows=1 + len(_TABLE_ROWS), cols=len(TABLE_HEADER))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, TABLE_HEADER, strict=True):
        cell.text = heading
    for row_index, values in enumerate(_TABLE_ROWS, start=1):
        for column, value in enumerate(values):
            if column == 1:
                continue  # the category column is filled once per merged group below
            cell = table.cell(row_index, column)
            paragraphs = value if isinstance(value, list) else [value]
            cell.text = paragraphs[0]
            for extra in paragraphs[1:]:
                cell.add_paragraph(extra)
    for first, last in _CATEGORY_GROUPS:
        merged = table.cell(first, 1).merge(table.cell(last, 1))
        merged.text = _TABLE_ROWS[first - 1][1]
    return _to_bytes(document)


EXPECTED_TABLE: dict = {
    "title": TABLE_TITLE,
    "kind": "task_plan",
    "tasks": [
        {
            "number": "1",
            "section_path": ["监督执纪"],
            "text": "开展“一把手”和领导班子监督专项检查。",
            "lead": ["市纪委监委"],
            "cooperating": ["市委组织部"],
            "responsible": [],
            "deadline": "2022年9月底前",
        },
        {
            "number": "2",
            "section_path": ["监督执纪"],
            "text": "深化运用监督执纪“四种形态”，抓早抓小、防微杜渐。",
            "lead": ["市纪委监委"],
            "cooperating": ["各单位"],
            "responsible": [],
            "deadline": "长期坚持",
        },
        {
            "number": "3",
            "section_path": ["监督执纪"],
            "text": "健全巡察整改监督机制。推动巡察发现问题整改到位、建章立制。",
            "lead": ["市委巡察办"],
            "cooperating": ["市纪委监委"],
            "responsible": [],
            "deadline": "2022年12月底前",
        },
        {
            "number": "4",
            "section_path": ["制度建设"],
            "text": "修订《市管国有企业负责人履职待遇、业务支出管理办法》。",
            "lead": ["市国资委"],
            "cooperating": ["市财政局", "市审计局"],
            "responsible": [],
            "deadline": "2022年10月底前",
        },
        {
            "number": "5",
            "section_path": ["制度建设"],
            "text": "制定公职人员兼职取酬管理规定。",
            "lead": ["市委组织部"],
            "cooperating": ["市人力资源社会保障局"],
            "responsible": [],
            "deadline": "2022年11月底前",
        },
    ],
}


# --- (c) nothing at all -------------------------------------------------------------------------------


def empty_document() -> bytes:
    """A .docx with no paragraphs: readable, and it assigns nothing."""
    return _to_bytes(Document())


def rewrite_document_xml(data: bytes, change) -> bytes:
    """``data`` with its word/document.xml passed through ``change`` (str → str): a damaged file."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            if name == "word/document.xml":
                content = change(content.decode()).encode()
            target.writestr(name, content)
    return out.getvalue()


def plan_with_table() -> bytes:
    """A heading, a task with its lead unit, and a two-row table."""
    document = Document()
    document.add_paragraph("一、总体要求")
    document.add_paragraph("1.加强教育。牵头单位：区纪委")
    grid = document.add_table(rows=2, cols=2)
    grid.cell(0, 0).text, grid.cell(0, 1).text = "序号", "工作任务"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- (d) sections given by heading styles, not by numbers ----------------------------------------------

HEADING_STYLES_TITLE = "XX县2023年全面从严治党主体责任清单"


def _styled(document, text: str, style: str) -> None:
    document.add_paragraph(text, style=style)


def _outlined(document, text: str, level: int) -> None:
    """A body paragraph made a heading by its outline level alone (Word's 段落 → 大纲级别)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{level - 1}"/>'))


def plan_with_heading_styles() -> bytes:
    """Headings as a Chinese office styles them: built-in Heading 1/2, a WPS-style "标题 2", a custom style
    with an outline level, a paragraph with a direct outline level; one heading keeps its own 一、 in the
    text; the title is in the Title style; a Heading 4 paragraph is no section; a Word table under a
    heading carries section rows at two levels (merged across the table)."""
    document = Document()
    document.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    custom = document.styles.add_style("小标题（大纲2级）", WD_STYLE_TYPE.PARAGRAPH)
    custom.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    _styled(document, HEADING_STYLES_TITLE, "Title")
    document.add_paragraph("为压紧压实全面从严治党主体责任，结合我县实际，制定本清单。")
    _styled(document, "党委主体责任", "Heading 1")
    _styled(document, "加强政治建设", "Heading 2")
    document.add_paragraph("1.组织学习贯彻党的二十大精神，2023年6月底前制定学习计划。（县委办公室牵头）")
    document.add_paragraph("2.坚持以人民为中心的发展思想。")
    _styled(document, "一、压实管党治党责任", "标题 2")
    document.add_paragraph("1.每年年底前向市委报告履行主体责任情况。（县委办公室负责）")
    _styled(document, "落实情况报告（县委办公室负责）", "Heading 3")  # a heading, whatever its text says
    document.add_paragraph("1.按季度汇总各单位落实情况。（县委办公室负责）")
    _outlined(document, "纪委监督责任", 1)
    _styled(document, "强化日常监督", "小标题（大纲2级）")
    document.add_paragraph("1.加强对“一把手”和领导班子的监督。（县纪委监委负责）")
    _styled(document, "其他事项", "Heading 4")
    document.add_paragraph("2.做实专责监督，推动监督下沉。（县纪委监委负责）")
    _styled(document, "专项整治", "Heading 2")
    rows = [
        ["序号", "工作任务", "牵头单位", "完成时限"],
        ["（一）整治群众身边腐败"] * 4,
        ["1．民生领域"] * 4,
        ["1", "开展惠民富民政策落实专项监督。", "县纪委监委", "2023年10月底前"],
        ["2．教育医疗领域"] * 4,
        ["2", "整治医疗领域不正之风，2023年11月底前完成。", "县卫生健康局", ""],
        ["（二）整治形式主义官僚主义"] * 4,
        ["3", "精简会议文件。", "县委办公室", "长期坚持"],
    ]
    table = document.add_table(rows=len(rows), cols=4)
    for r, values in enumerate(rows):
        if len(set(values)) == 1:
            table.cell(r, 0).merge(table.cell(r, 3)).text = values[0]
            continue
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    return _to_bytes(document)


_PARTY = "党委主体责任"
_CAMPAIGN = ["纪委监督责任", "专项整治"]  # the styled headings over the table
EXPECTED_HEADING_STYLES: list[tuple] = [
    # number, section_path, section_numbers, text, units, deadline, deadline_from_text
    (
        "1",
        [_PARTY, "加强政治建设"],
        ["", ""],
        "组织学习贯彻党的二十大精神，2023年6月底前制定学习计划。",
        ["县委办公室"],
        "2023年6月底前",
        True,
    ),
    ("2", [_PARTY, "加强政治建设"], ["", ""], "坚持以人民为中心的发展思想。", [], None, False),
    (
        "1",
        [_PARTY, "压实管党治党责任"],
        ["", "一"],
        "每年年底前向市委报告履行主体责任情况。",
        ["县委办公室"],
        "每年年底前",
        True,
    ),
    (
        "1",
        [_PARTY, "压实管党治党责任", "落实情况报告（县委办公室负责）"],
        ["", "一", ""],
        "按季度汇总各单位落实情况。",
        ["县委办公室"],
        None,
        False,
    ),
    (
        "1",
        ["纪委监督责任", "强化日常监督"],
        ["", ""],
        "加强对“一把手”和领导班子的监督。",
        ["县纪委监委"],
        None,
        False,
    ),
    (
        "2",
        ["纪委监督责任", "强化日常监督", "其他事项"],
        ["", "", ""],
        "做实专责监督，推动监督下沉。",
        ["县纪委监委"],
        None,
        False,
    ),
    (
        "1",
        [*_CAMPAIGN, "整治群众身边腐败", "民生领域"],
        ["", "", "一", "1"],
        "开展惠民富民政策落实专项监督。",
        ["县纪委监委"],
        "2023年10月底前",
        False,
    ),
    (
        "2",
        [*_CAMPAIGN, "整治群众身边腐败", "教育医疗领域"],
        ["", "", "一", "2"],
        "整治医疗领域不正之风，2023年11月底前完成。",
        ["县卫生健康局"],
        "2023年11月底前",
        True,
    ),
    (
        "3",
        [*_CAMPAIGN, "整治形式主义官僚主义"],
        ["", "", "二"],
        "精简会议文件。",
        ["县委办公室"],
        "长期坚持",
        False,
    ),
]
