"""Excel plans through the table reader, tables under any unit column, and files that are not what their
name says. The workbooks are built here with openpyxl, as an office would lay them out."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import cache

import pytest
from openpyxl import Workbook

from taizhang.docparse import ParseError, ZipLimits, parse, parse_text
from taizhang.docparse import xlsx as xlsx_reader
from taizhang.docparse.families import tables


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@cache
def office_workbook() -> bytes:
    """A cover sheet, then the task sheet: a merged title, a section row spanning the table, category cells
    merged down their group, a lead merged over two tasks, a date cell and two units on two lines."""
    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表由区纪委监委汇总，每季度更新。"])
    ws = wb.create_sheet("任务分工")
    ws.append(["XX区2024年党风廉政建设重点任务分工表"])
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["序号", "任务类别", "工作任务", "牵头单位", "配合单位", "完成时限"])
    ws.append(["一、强化监督执纪"])
    ws.merge_cells("A4:F4")
    ws.append([1, "政治监督", "开展政治生态分析研判。", "区纪委监委", "区委组织部", dt.datetime(2024, 6, 30)])
    ws.append([2, None, "加强对“一把手”监督。", "区纪委监委", "区委组织部\n区委办公室", "长期坚持"])
    ws.append([3, "作风建设", "整治形式主义为基层减负。", "区委办公室", None, "2024年12月底前"])
    ws.append([4, None, "规范公务接待。", None, "区财政局", "2024年9月底前"])
    ws.merge_cells("B5:B6")
    ws.merge_cells("B7:B8")
    ws.merge_cells("D7:D8")
    ws.append([])
    return _save(wb)


EXPECTED = [
    (
        "1",
        ["强化监督执纪", "政治监督"],
        "开展政治生态分析研判。",
        ["区纪委监委"],
        ["区委组织部"],
        "2024年6月30日",
    ),
    (
        "2",
        ["强化监督执纪", "政治监督"],
        "加强对“一把手”监督。",
        ["区纪委监委"],
        ["区委组织部", "区委办公室"],
        "长期坚持",
    ),
    ("3", ["强化监督执纪", "作风建设"], "整治形式主义为基层减负。", ["区委办公室"], [], "2024年12月底前"),
    ("4", ["强化监督执纪", "作风建设"], "规范公务接待。", ["区委办公室"], ["区财政局"], "2024年9月底前"),
]


def _rows(doc):
    return [(t.number, t.section_path, t.text, t.lead, t.cooperating, t.deadline) for t in doc.tasks]


def test_an_excel_plan_reads_like_the_same_table_in_word():
    doc = parse(office_workbook(), filename="任务分工.xlsx")
    assert doc.title == "XX区2024年党风廉政建设重点任务分工表"
    assert _rows(doc) == EXPECTED
    assert doc.tasks[0].section_numbers == ["一", ""]
    assert doc.warnings == []


@pytest.mark.parametrize("sheet", ["任务分工", "2"])
def test_a_sheet_can_be_chosen_by_name_or_position(sheet):
    assert _rows(parse(office_workbook(), filename="plan.xlsx", sheet=sheet)) == EXPECTED


def test_choosing_a_sheet_without_a_table_gives_no_tasks_and_an_unknown_sheet_names_the_sheets():
    assert parse(office_workbook(), filename="plan.xlsx", sheet="说明").tasks == []
    with pytest.raises(ParseError) as info:
        parse(office_workbook(), filename="plan.xlsx", sheet="附表3")
    assert info.value.code == "no_sheet"
    assert "附表3" in info.value.zh and "说明、任务分工" in info.value.zh
    assert "说明, 任务分工" in info.value.en


def test_a_sheet_of_numbered_lines_without_a_header_is_read_as_text():
    wb = Workbook()
    for line in [
        "XX镇2024年重点工作",
        "一、加强教育",
        "1.开展警示教育。（镇纪委负责）",
        "2.组织廉政党课。（镇党政办负责）",
    ]:
        wb.active.append([line])
    doc = parse(_save(wb), filename="plan.xlsx")
    assert [(t.number, t.responsible) for t in doc.tasks] == [("1", ["镇纪委"]), ("2", ["镇党政办"])]


def test_a_sheet_over_the_row_limit_is_refused(monkeypatch):
    monkeypatch.setattr(xlsx_reader, "MAX_ROWS", 5)
    with pytest.raises(ParseError) as info:
        parse(office_workbook(), filename="plan.xlsx", sheet="任务分工")
    assert info.value.code == "too_many_rows"


def test_a_workbook_over_the_zip_limits_is_refused_before_it_is_opened():
    with pytest.raises(ParseError) as info:
        parse(office_workbook(), filename="plan.xlsx", zip_limits=ZipLimits(max_parts=3))
    assert info.value.code == "too_many_parts"


def _zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_damaged_workbook_is_a_parse_error_not_a_crash():
    with pytest.raises(ParseError) as info:
        parse(_zip_of({"xl/workbook.xml": b"<not a workbook"}), filename="plan.xlsx")
    assert info.value.code == "corrupt_xlsx"


@pytest.mark.parametrize(
    ("name", "data", "code", "zh", "en"),
    [
        ("plan.docx", b"MZ\x90\x00" + bytes(300), "not_docx", "而是一个程序", "a program"),
        (
            "plan.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
            "not_docx",
            "另存为 .docx",
            "old Office",
        ),
        ("plan.docx", _zip_of({"a/readme.txt": b"hi"}), "not_docx", "而是一个压缩包", "zip archive"),
        ("plan.docx", "一、加强教育\n1.开展警示教育。\n".encode(), "not_docx", "改为 .txt", "plain text"),
        ("plan.docx", b"%PDF-1.7\n", "not_docx", "而是一个 PDF", "a PDF"),
        ("plan.xlsx", "一、加强教育\n".encode("gb18030"), "not_xlsx", "不是 Excel 文件", "not an Excel file"),
        ("plan.docx", bytes(range(256)) * 4, "not_docx", "无法识别", "cannot be recognised"),
    ],
)
def test_a_file_that_is_not_what_its_name_says_is_told_so(name, data, code, zh, en):
    with pytest.raises(ParseError) as info:
        parse(data, filename=name)
    assert info.value.code == code
    assert zh in info.value.zh and name in info.value.zh
    assert en in info.value.en
    if code == "not_docx":
        assert "不是 Word 文件" in info.value.zh and "not a Word file" in info.value.en


def test_a_word_file_named_xlsx_and_an_excel_file_named_docx_say_which_they_are():
    from tests.docparse import docx_builder

    with pytest.raises(ParseError) as info:
        parse(docx_builder.empty_document(), filename="plan.xlsx")
    assert "而是一个 Word 文档" in info.value.zh
    with pytest.raises(ParseError) as info:
        parse(office_workbook(), filename="plan.docx")
    assert "而是一个 Excel 工作簿" in info.value.zh and "rename it to .xlsx" in info.value.en


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        (
            ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"],
            ["number", "text", "lead", "cooperating", "deadline"],
        ),
        (["编号", "任务内容", "责任单位", "时间节点"], ["number", "text", "responsible", "deadline"]),
        (
            ["序号", "重点任务", "主责单位", "协办单位", "进度安排"],
            ["number", "text", "responsible", "cooperating", "deadline"],
        ),
        (
            ["序号", "工作措施", "指导部门", "责任部门（单位）", "参与单位"],
            ["number", "text", "lead", "responsible", "cooperating"],
        ),
        (
            ["序号", "具体任务", "牵头部门", "配合部门", "完成时间"],
            ["number", "text", "lead", "cooperating", "deadline"],
        ),
    ],
)
def test_each_header_set_names_its_columns(header, fields):
    assert list(tables.header_columns(header).values()) == fields


def test_a_tab_table_repeated_header_starts_a_new_table_and_keeps_its_section():
    text = "\n".join(
        [
            "分工表",
            "序号\t工作任务\t责任单位\t时间节点",
            "1\t开展警示教育。\t区纪委\t6月底前",
            "二、制度建设",
            "序号\t工作任务\t责任单位\t时间节点",
            "2\t修订议事规则。\t区委办\t9月底前",
        ]
    )
    doc = parse_text(text)
    assert [(t.number, t.responsible) for t in doc.tasks] == [("1", ["区纪委"]), ("2", ["区委办"])]
    assert doc.tasks[1].section_path == ["制度建设"]


def test_a_two_level_header_names_the_unit_columns_by_their_lower_cells():
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "工作任务", "责任单位", None, "完成时限"])
    ws.append([None, None, "牵头单位", "配合单位", None])
    for cells in ("A1:A2", "B1:B2", "C1:D1", "E1:E2"):
        ws.merge_cells(cells)
    ws.append([1, "开展警示教育。", "区纪委", "区委组织部", "6月底前"])
    ws.append(["序号", "工作任务", "责任单位", None, "完成时限"])  # the header again, under a page break
    ws.append([2, "修订议事规则。", "区委办", None, "9月底前"])
    from_excel = parse(_save(wb), filename="plan.xlsx")
    from_tabs = parse_text(
        "序号\t工作任务\t责任单位\t\t完成时限\n\t\t牵头单位\t配合单位\t\n"
        "1\t开展警示教育。\t区纪委\t区委组织部\t6月底前\n2\t修订议事规则。\t区委办\t\t9月底前\n"
    )
    for doc in (from_excel, from_tabs):
        assert [(t.number, t.text, t.lead, t.cooperating, t.deadline) for t in doc.tasks] == [
            ("1", "开展警示教育。", ["区纪委"], ["区委组织部"], "6月底前"),
            ("2", "修订议事规则。", ["区委办"], [], "9月底前"),
        ]


def test_a_word_table_with_a_two_level_header_reads_the_same():
    import docx

    document = docx.Document()
    document.add_paragraph("重点任务分工表")
    table = document.add_table(rows=3, cols=5)
    upper, lower, row = (table.rows[i].cells for i in range(3))
    for i, text in enumerate(["序号", "工作任务", "责任单位", "", "完成时限"]):
        upper[i].text = text
    lower[2].text, lower[3].text = "牵头单位", "配合单位"
    for i in (0, 1, 4):
        upper[i].merge(lower[i])
    upper[2].merge(upper[3])
    for i, text in enumerate(["1", "开展警示教育。", "区纪委", "区委组织部\n区委宣传部", "6月底前"]):
        row[i].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    doc = parse(buffer.getvalue(), filename="plan.docx")
    assert [(t.number, t.lead, t.cooperating, t.deadline) for t in doc.tasks] == [
        ("1", ["区纪委"], ["区委组织部", "区委宣传部"], "6月底前")
    ]


def test_a_workbook_whose_sheet_is_not_sheet_xml_is_damaged_not_a_parser_fault():
    with zipfile.ZipFile(io.BytesIO(office_workbook())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    # Well-formed up to its size, so openpyxl opens it and fails only as the rows stream.
    parts["xl/worksheets/sheet2.xml"] = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1" t="n"><v>x</v></c></row><row'
    )
    with pytest.raises(ParseError) as info:
        parse(_zip_of(parts), filename="plan.xlsx")
    assert info.value.code == "corrupt_xlsx"
