"""``lib.sheets.read_first_sheet``: what the people and catalogue imports read from an .xlsx, merged cells
filled or streamed."""

import io

from openpyxl import Workbook

from taizhang.lib.sheets import read_first_sheet


def _xlsx(rows, merge=None) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_a_merged_unit_cell_is_given_to_every_row_it_spans():
    rows = read_first_sheet(
        _xlsx([["单位", "姓名"], ["区纪委", "张三"], [None, "李四"]], merge="A2:A3"), fill_merged=True
    )
    assert [list(row) for row in rows] == [["单位", "姓名"], ["区纪委", "张三"], ["区纪委", "李四"]]


def test_a_sheet_read_whole_gives_rows_as_wide_as_the_sheet_not_the_column_limit():
    # Read whole (merged cells filled), openpyxl made a cell object up to the 200-column limit for every
    # row: 2,000 people were 400,000 cells, seconds before the import could start. (The streaming reader
    # pads with one shared empty value, which costs nothing.)
    rows = read_first_sheet(
        _xlsx([["单位", "姓名", "手机"]] + [["区纪委", f"人{i}", ""] for i in range(50)]), fill_merged=True
    )
    assert len(rows) == 51
    assert {len(row) for row in rows} == {3}
