import io
import zipfile
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from taizhang.exports.ledger_xlsx import LEDGER_COLUMNS, Column, LedgerRow, escape_cell, write_ledger_xlsx

EDU = ["主要任务和责任分工", "加强宣传教育，形成拒腐防变教育长效机制"]
EDU_A = [*EDU, "加强以领导干部为重点的党风廉政教育"]
EDU_B = [*EDU, "加强面向社会的廉政文化建设"]
SUP = ["主要任务和责任分工", "强化监督制约", "加强对领导干部的监督"]


def task(path: list[str], number: str, text: str = "深入开展廉洁从政教育。", **values: str) -> LedgerRow:
    return LedgerRow(section_path=path, number=number, text=text, values={"lead": "市委宣传部", **values})


def write(rows: list[LedgerRow], **kwargs) -> bytes:
    out = io.BytesIO()
    write_ledger_xlsx(out, title=kwargs.pop("title", "任务分解台账"), rows=rows, **kwargs)
    return out.getvalue()


def sheet(rows: list[LedgerRow], **kwargs) -> Worksheet:
    return load_workbook(io.BytesIO(write(rows, **kwargs))).active


def headers(ws: Worksheet, row: int = 2) -> list[str]:
    return [c.value for c in ws[row] if c.value is not None]


def merges(ws: Worksheet) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


# Printed numbers restart in every section, as they do in the plans.
PLAN = [*(task(EDU_A, n) for n in "123"), task(EDU_B, "1"), task(SUP, "1"), task(SUP, "2")]


def test_title_is_merged_across_all_columns_bold_16pt_and_centred():
    ws = sheet(PLAN)
    assert ws["A1"].value == "任务分解台账"
    assert "A1:F1" in merges(ws)  # six columns: the optional ones are empty
    assert ws["A1"].font.b and ws["A1"].font.sz == 16
    assert ws["A1"].alignment.horizontal == "center"


def test_subtitle_row_goes_between_title_and_header():
    ws = sheet(PLAN, subtitle="咸惩防办文〔2013〕3号")
    assert ws["A2"].value == "咸惩防办文〔2013〕3号" and "A2:F2" in merges(ws)
    assert headers(ws, 3)[0] == "序号"
    assert ws.freeze_panes == "A4" and ws.print_title_rows == "$1:$3"


def test_header_row_is_bold_shaded_bordered_frozen_and_printed_on_every_page():
    ws = sheet(PLAN)
    assert headers(ws) == ["序号", "任务分类", "工作任务", "牵头单位", "配合单位", "完成时限"]
    cell = ws["C2"]
    assert cell.font.b and cell.fill.fgColor.rgb.endswith("D9D9D9") and cell.border.left.style == "thin"
    assert ws.freeze_panes == "A3"
    assert ws.print_title_rows == "$1:$2"


def test_header_row_carries_an_auto_filter_over_the_table():
    ws = sheet(PLAN)
    assert ws.auto_filter.ref == f"A2:F{ws.max_row}"


def test_page_is_a4_landscape_fitted_one_page_wide_with_page_numbers():
    ws = sheet(PLAN)
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (int(ws.page_setup.fitToWidth), int(ws.page_setup.fitToHeight)) == (1, 0)
    assert ws.page_margins.left == pytest.approx(0.5)
    assert ws.print_options.horizontalCentered
    assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"


def test_body_is_songti_wrapped_top_aligned_and_bordered():
    ws = sheet(PLAN)
    text = ws["C4"]
    assert (text.font.name, text.font.sz) == ("宋体", 11)
    assert text.alignment.wrap_text and text.alignment.vertical == "top"
    assert text.border.bottom.style == "thin"
    assert ws["A4"].alignment.vertical == "center"
    assert ws.column_dimensions["C"].width == 60 and ws.column_dimensions["A"].width == 6


def test_section_row_is_inserted_where_the_outer_path_changes():
    ws = sheet(PLAN)
    # rows: 3 section, 4-6 EDU_A, 7 EDU_B (same outer path: no section row), 8 section, 9-10 SUP
    assert ws["A3"].value == "主要任务和责任分工 / 加强宣传教育，形成拒腐防变教育长效机制"
    assert ws["A8"].value == "主要任务和责任分工 / 强化监督制约"
    assert {"A3:F3", "A8:F8"} <= merges(ws)
    assert ws["A3"].font.b and ws["A3"].fill.fgColor.rgb.endswith("F2F2F2")
    assert ws["A7"].value == 4  # EDU_B follows EDU_A directly


def test_category_cells_merge_for_consecutive_tasks_of_a_section():
    ws = sheet(PLAN)
    category_merges = {m for m in merges(ws) if m.startswith("B")}
    assert category_merges == {"B4:B6", "B9:B10"}  # EDU_B has one task: nothing to merge
    assert ws["B4"].value == "加强以领导干部为重点的党风廉政教育"
    assert ws["B7"].value == "加强面向社会的廉政文化建设"
    assert ws["B4"].alignment.vertical == "center"


def test_same_path_after_an_interruption_starts_a_new_merge():
    ws = sheet([task(SUP, "1"), task(SUP, "2"), task(EDU_A, "1"), task(SUP, "3"), task(SUP, "4")])
    assert {m for m in merges(ws) if m.startswith("B")} == {"B4:B5", "B9:B10"}


def test_tasks_without_headings_get_an_empty_category_and_no_section_row():
    ws = sheet([task([], "1"), task([], "2"), task(["总体要求"], "3")])
    assert [ws.cell(r, 2).value for r in (3, 4, 5)] == [None, None, "总体要求"]
    assert merges(ws) == {"A1:F1"}


def test_index_runs_1_to_n_although_printed_numbers_restart():
    ws = sheet(PLAN)
    assert [ws.cell(r, 1).value for r in (4, 5, 6, 7, 9, 10)] == [1, 2, 3, 4, 5, 6]


def test_optional_columns_are_absent_when_no_row_has_a_value():
    ws = sheet([task(EDU_A, "1", leaders="", persons="")])
    assert "责任领导" not in headers(ws) and "责任人" not in headers(ws)


def test_optional_column_appears_when_one_row_has_a_value():
    ws = sheet([task(EDU_A, "1"), task(EDU_A, "2", persons="张三、李四")])
    assert headers(ws)[-1] == "责任人" and "责任领导" not in headers(ws)
    assert ws["G5"].value == "张三、李四"


def test_caller_columns_are_filled_from_row_values():
    columns = (*LEDGER_COLUMNS, Column("progress", "最新进展", 40), Column("number", "原文编号", 8))
    ws = sheet([task(EDU_A, "（三）", progress="已完成")], columns=columns)
    assert headers(ws)[-2:] == ["最新进展", "原文编号"]
    assert [ws["G4"].value, ws["H4"].value] == ["已完成", "（三）"]


@pytest.mark.parametrize("payload", ["=1+1", "@SUM(A1)", "-2+3", "+1", '=HYPERLINK("http://x")'])
def test_formula_like_text_is_stored_as_text_not_as_a_formula(payload):
    data = write([task(EDU_A, "1", text=payload, lead=payload)])
    ws = load_workbook(io.BytesIO(data)).active
    for cell in (ws["C4"], ws["D4"]):
        assert cell.value == payload  # shown as written, no visible apostrophe
        assert cell.data_type == "s"
        assert cell.quotePrefix  # Excel's own "typed with a leading '" flag
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")


def test_escape_cell_prefixes_only_formula_like_values():
    assert [escape_cell(v) for v in ("=1+1", "@SUM(A1)", "-2+3", "+1", "\t=1", "\r=1")] == [
        "'=1+1", "'@SUM(A1)", "'-2+3", "'+1", "'\t=1", "'\r=1",
    ]  # fmt: skip
    assert escape_cell("市纪委、市委组织部") == "市纪委、市委组织部"
    assert escape_cell("") == ""


def test_chinese_text_round_trips():
    text = "完善党委（党组）理论学习中心组学习制度，党政主要负责同志带头讲廉政党课。"
    values = {"cooperating": "市纪委、市委组织部", "deadline": "2021年6月底前"}
    ws = sheet([task(EDU_A, "1", text=text, **values)])
    assert [c.value for c in ws[4]] == [1, EDU_A[-1], text, "市委宣传部", *values.values()]


def test_word_line_breaks_become_new_lines_and_other_control_characters_are_dropped():
    ws = sheet([task(EDU_A, "1", text="第一句\x0b第二句\x01")])
    assert ws["C4"].value == "第一句\n第二句"


def test_writes_to_a_path(tmp_path):
    write_ledger_xlsx(tmp_path / "台账.xlsx", title="台账", rows=PLAN)
    write_ledger_xlsx(str(tmp_path / "b.xlsx"), title="台账", rows=PLAN)
    assert load_workbook(tmp_path / "台账.xlsx").active["A1"].value == "台账"
    assert (tmp_path / "b.xlsx").stat().st_size > 0


def test_a_thousand_rows_are_written():
    rows = [task([f"第{i // 100}部分", f"第{i // 10}项"], str(i % 10 + 1), "任务" * 40) for i in range(1000)]
    ws = sheet(rows)
    assert ws.max_row == 2 + 10 + 1000  # title, header, one section row per hundred tasks
    assert ws.cell(ws.max_row, 1).value == 1000
    assert len(ws.merged_cells.ranges) == 1 + 10 + 100


def test_empty_ledger_still_has_title_and_header():
    ws = sheet([])
    assert ws["A1"].value and headers(ws)[0] == "序号"


def test_styles_copied_between_cells_give_the_file_styling_each_cell_would(monkeypatch):
    """``_Styles`` styles a combination's first cell and copies its style indexes to the others; the file
    must be the one openpyxl writes when every cell is styled on its own."""
    from taizhang.exports import ledger_xlsx

    dated = {"deadline": date(2021, 6, 30), "score": Decimal("9.5")}
    rows = [*PLAN, task(SUP, "3", text="=1+1", **dated), task(SUP, "4", **dated)]
    columns = (*LEDGER_COLUMNS, Column("score", "得分", 8, number_format="0.00"))
    fast = zipfile.ZipFile(io.BytesIO(write(rows, subtitle="惩防办〔2021〕1号", columns=columns)))

    def one_by_one(self, cell, font, alignment, fill, fmt=None):
        cell.font, cell.alignment, cell.border = font, alignment, ledger_xlsx._BORDER
        if fill:
            cell.fill = fill
        if fmt:
            cell.number_format = fmt

    monkeypatch.setattr(ledger_xlsx._Styles, "apply", one_by_one)
    slow = zipfile.ZipFile(io.BytesIO(write(rows, subtitle="惩防办〔2021〕1号", columns=columns)))
    assert fast.namelist() == slow.namelist()
    for part in fast.namelist():
        if part != "docProps/core.xml":  # the time of writing
            assert fast.read(part) == slow.read(part), part


def test_the_formula_flag_stays_on_its_own_cell():
    ws = sheet([task(EDU_A, "1", text="=1+1"), task(EDU_A, "2")])
    assert ws["C4"].quotePrefix
    assert not ws["C5"].quotePrefix and not ws["D4"].quotePrefix
