"""The shared print and cell rules of every .xlsx (``exports.printing``) and the ledger writer's use of them:
numbers and dates as such, row heights that fit wrapped text, columns that print at 9 pt or more."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from taizhang.exports import printing
from taizhang.exports.ledger_csv import write_ledger_csv
from taizhang.exports.ledger_xlsx import (
    INDEX,
    LEDGER_COLUMNS,
    TEXT,
    Column,
    LedgerRow,
    LedgerSheet,
    write_ledger_workbook,
    write_ledger_xlsx,
)

CJK_38 = "加强党风廉政建设责任制落实情况监督检查" * 2  # 38 characters of full width


def test_a_cjk_character_takes_two_width_units():
    assert printing.text_units("abc") == 3
    assert printing.text_units("纪委，监委。") == 12
    assert printing.text_units("2021年") == 6


def test_lines_grow_with_the_text_and_shrink_with_the_width():
    assert printing.line_count("短", 20) == 1
    assert printing.line_count(CJK_38, 44) == 2  # ~20 characters a line at width 44
    assert printing.line_count(CJK_38, 22) == 5  # 9 a line
    assert (
        printing.line_count("一二三四五六七八，九十一", 10) == 4
    )  # 4 a line; ， may not start one: 八 goes too
    assert printing.line_count("一\n二\n三", 44) == 3  # each line break starts a line
    assert printing.line_count("a" * 40, 44) == 1  # Latin letters count single


def test_row_height_is_the_tallest_cell_in_lines_of_the_body_font():
    one = printing.row_height([("短", 20)])
    assert one == pytest.approx(printing.LINE_PT + 2)
    assert printing.row_height([("短", 20), (CJK_38, 22)]) == pytest.approx(5 * printing.LINE_PT + 2)
    assert printing.row_height([(CJK_38 * 100, 10)]) == printing.MAX_ROW_PT


def test_a_table_that_fits_keeps_its_widths():
    widths = [6, 16, 60, 26, 28, 14]
    assert printing.fit_widths(widths, [None, 8, 8, 8, 8, 8]) == widths
    assert printing.print_scale(widths) > printing.MIN_SCALE


def test_a_wide_table_narrows_its_wrapping_columns_to_print_at_9pt():
    widths = [6, 14, 44, 7, 20, 11, 12, 26, 26, 12, 28, 40, 11, 18]  # the per-unit ledger: 275 units
    assert printing.print_scale(widths) * printing.BODY_PT < 7  # as it was: 6.3 pt on paper
    fitted = printing.fit_widths(widths, [None, *[8] * 13])
    assert printing.print_scale(fitted) >= printing.MIN_SCALE
    assert printing.print_scale(fitted) * printing.BODY_PT >= 9 - 0.05
    assert fitted[0] == 6 and all(w >= min(8, was) for w, was in zip(fitted, widths, strict=True))
    assert fitted[2] > fitted[5]  # the task text stays the widest


def test_a_table_too_wide_even_narrowed_prints_at_9pt_across_pages_repeating_its_first_columns():
    ws = _sheet([_row(i) for i in range(3)], columns=_score_columns(30))
    assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.scale == 82
    assert ws.print_title_cols == "$A:$B" and ws.print_title_rows == "$1:$2"


def test_sheet_names_lose_the_characters_excel_refuses():
    assert printing.sheet_title("整改台账") == "整改台账"
    assert printing.sheet_title("a/b:c[d]") == "a_b_c_d_"
    assert len(printing.sheet_title("长" * 40)) == 31


def _score_columns(n: int):
    return (
        Column(INDEX, "序号", 6, wrap=False),
        Column(TEXT, "单位", 24),
        *(Column(f"s{i}", f"指标{i}", 14, number_format="0.00") for i in range(n)),
        Column("due", "完成时限", 10),
    )


def _row(i: int) -> LedgerRow:
    values = {f"s{k}": Decimal("12.5") + k for k in range(30)}
    return LedgerRow([], "", f"单位{i}", {**values, "due": date(2021, 6, 30)})


def _sheet(rows, **kwargs):
    out = io.BytesIO()
    write_ledger_xlsx(out, title="得分表", rows=rows, **kwargs)
    return load_workbook(out).active


def test_numbers_and_dates_are_cells_of_their_type_with_their_format():
    ws = _sheet([_row(0), _row(1)], columns=_score_columns(2))
    score, due = ws["C3"], ws["E3"]
    assert (score.value, score.data_type, score.number_format) == (12.5, "n", "0.00")
    assert due.is_date and due.value == datetime(2021, 6, 30) and due.number_format == "yyyy-mm-dd"
    assert ws.column_dimensions["E"].width >= 11  # a date never shows as ####


def test_a_datetime_shows_with_its_time():
    columns = (*LEDGER_COLUMNS, Column("at", "销号时间", 10))
    ws = _sheet([LedgerRow([], "1", "任务", {"at": datetime(2021, 5, 10, 10, 0)})], columns=columns)
    cell = ws.cell(3, len(ws[2]))
    assert cell.is_date and cell.number_format == "yyyy-mm-dd hh:mm"


def test_row_heights_grow_with_wrapped_text_and_fit_every_line():
    rows = [
        LedgerRow(["一"], "1", "短任务。", {"lead": "市纪委"}),
        LedgerRow(["一"], "2", CJK_38 * 3, {"lead": "市纪委"}),
        LedgerRow(["一"], "3", "第一行\n第二行\n第三行\n第四行\n第五行", {"lead": "市纪委"}),
    ]
    ws = _sheet(rows)
    short, long, broken = (ws.row_dimensions[r].height for r in (3, 4, 5))
    assert short == pytest.approx(printing.LINE_PT + 2)
    text_width = ws.column_dimensions["C"].width
    assert long >= printing.line_count(CJK_38 * 3, text_width) * printing.LINE_PT > short
    assert broken >= 5 * printing.LINE_PT
    assert ws.row_dimensions[2].height >= printing.LINE_PT  # the header row too


def test_a_long_category_merged_over_few_rows_makes_its_last_row_taller():
    heading = "加强以领导干部为重点的党风廉政教育和面向社会的廉政文化建设" * 2
    ws = _sheet([LedgerRow([heading], str(i), "短任务。", {}) for i in (1, 2)])
    first, last = ws.row_dimensions[3].height, ws.row_dimensions[4].height
    need = printing.row_height([(heading, ws.column_dimensions["B"].width)])
    assert first + last >= need and last > first


def test_the_workbook_holds_its_sheets_in_order_each_named_for_what_it_is():
    out = io.BytesIO()
    rows = [LedgerRow([], "1", "任务", {})]
    write_ledger_workbook(out, [LedgerSheet("任务台账", "甲", rows), LedgerSheet("分单位明细", "乙", rows)])
    book = load_workbook(out)
    assert book.sheetnames == ["任务台账", "分单位明细"]
    assert book["分单位明细"]["A1"].value == "乙"
    for ws in book:  # every sheet prints: landscape A4, header repeated, one page wide
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9
        assert ws.print_title_rows == "$1:$2" and ws.page_setup.fitToWidth == 1


def test_the_csv_writes_dates_and_numbers_as_text():
    columns = (*LEDGER_COLUMNS[:3], Column("deadline", "完成时限", 12), Column("score", "得分", 8))
    out = io.StringIO()
    row = LedgerRow([], "1", "任务", {"deadline": date(2021, 6, 30), "score": Decimal("9.50")})
    write_ledger_csv(out, rows=[row], columns=columns)
    assert out.getvalue().splitlines()[1] == "1,,任务,2021-06-30,9.50"
