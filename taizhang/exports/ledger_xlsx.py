"""The ledger (台账) as an .xlsx laid out the way a government office keeps one: title, header, a section
row where the outer heading changes, merged 任务分类 cells, printable on A4 landscape.

Columns are declared once, here; callers add ``Column``s for their own data (最新进展, 状态) and fill them
through ``LedgerRow.values``. No Django import: the CLI uses this too.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    width: float  # Excel character units
    wrap: bool = True
    optional: bool = False  # shown only when some row has a value for it


@dataclass(slots=True)
class LedgerRow:
    section_path: list[str]  # headings above the task, outermost first
    number: str  # as printed; restarts per section, so not an index
    text: str
    values: dict[str, str]  # column key -> cell text, units already joined with 、


# Keys the writers fill from the row itself; any other key is looked up in ``LedgerRow.values``.
# ``number`` is not in the default ledger but a caller may add e.g. Column("number", "原文编号", 8).
INDEX, CATEGORY, TEXT, NUMBER = "index", "category", "text", "number"

LEDGER_COLUMNS: tuple[Column, ...] = (
    Column(INDEX, "序号", 6, wrap=False),
    Column(CATEGORY, "任务分类", 16),
    Column(TEXT, "工作任务", 60),
    Column("lead", "牵头单位", 26),
    Column("cooperating", "配合单位", 28),
    Column("deadline", "完成时限", 14),
    Column("leaders", "责任领导", 12, optional=True),
    Column("persons", "责任人", 12, optional=True),
)

# OWASP's list for CSV injection: a spreadsheet reads a cell starting with these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: str) -> str:
    """Prefix a formula-looking value with ``'`` so a spreadsheet opening the CSV shows it as text."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def cell_text(row: LedgerRow, key: str) -> str:
    """The text of one cell; 任务分类 is the innermost heading (the section row carries the outer ones)."""
    if key == CATEGORY:
        return row.section_path[-1] if row.section_path else ""
    if key == TEXT:
        return row.text
    if key == NUMBER:
        return row.number
    return row.values.get(key) or ""


def visible_columns(rows: Sequence[LedgerRow], columns: Sequence[Column]) -> list[Column]:
    return [c for c in columns if not c.optional or any(cell_text(r, c.key) for r in rows)]


_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY, _BOLD = Font(name="宋体", size=11), Font(name="宋体", size=11, bold=True)
_TITLE = Font(name="宋体", size=16, bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_SECTION = Alignment(horizontal="left", vertical="center", wrap_text=True)


class _Styles:
    """The styles of one workbook's cells. openpyxl looks each font, alignment, border and fill up in the
    workbook's lists by hashing it, on every assignment to every cell: for an export of 800 rows most of the
    time went there. So a combination is assigned the ordinary way once, on its first cell, and the other
    cells get a copy of the index array openpyxl keeps per cell (``Cell._style``, as openpyxl's own
    ``copy_worksheet`` copies it). The workbook written is the same, byte for byte."""

    def __init__(self) -> None:
        self._arrays: dict[tuple[int, int, int], StyleArray] = {}

    def apply(self, cell: Cell, font: Font, alignment: Alignment, fill: PatternFill | None) -> None:
        key = (id(font), id(alignment), id(fill))  # the module's and write_ledger_xlsx's own objects
        array = self._arrays.get(key)
        if array is not None:
            cell._style = copy(array)
            return
        cell.font, cell.alignment, cell.border = font, alignment, _BORDER
        if fill:
            cell.fill = fill
        self._arrays[key] = copy(cell._style)


def _put(
    cell: Cell,
    text: str,
    font: Font,
    alignment: Alignment,
    fill: PatternFill | None = None,
    *,
    styles: _Styles,
) -> None:
    styles.apply(cell, font, alignment, fill)  # first: it replaces the cell's whole style, quotePrefix too
    # openpyxl raises on characters XML cannot hold; Word's manual line break (\x0b) and page break (\x0c)
    # can come through in parsed text, so those become line ends and the rest go.
    text = ILLEGAL_CHARACTERS_RE.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))
    if text:
        cell.value = text
        # The formula guard. openpyxl makes any str starting with '=' a formula; forcing the type makes every
        # value a string cell, which Excel never evaluates, and shows it exactly as written. quotePrefix is
        # the flag Excel sets when one types a leading ', so the cell stays text if someone edits it. The
        # literal "'" of escape_cell is for CSV, which has no cell types; in a cell it would show.
        cell.data_type = "s"
        cell.quotePrefix = text.startswith(_FORMULA_START)


def _banner(
    ws: Worksheet, row: int, text: str, font: Font, ncols: int, width: float, fill=None, *, styles: _Styles
) -> None:
    """A row merged across the table. Excel does not autofit a merged row, so its height is estimated:
    a CJK character takes two width units at 11pt."""
    for col in range(1, ncols + 1):
        _put(
            ws.cell(row, col),
            text if col == 1 else "",
            font,
            _SECTION if fill else _CENTRE,
            fill,
            styles=styles,
        )
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    units = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text) * font.size / 11
    ws.row_dimensions[row].height = max(1, math.ceil(units / width)) * font.size * 1.6


def _merge_run(ws: Worksheet, col: int | None, first: int, last: int) -> None:
    if col and first and last > first and ws.cell(first, col).value is not None:
        ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)


def write_ledger_xlsx(
    out: BinaryIO | str | Path,
    *,
    title: str,
    rows: Sequence[LedgerRow],
    columns: Sequence[Column] = LEDGER_COLUMNS,
    subtitle: str | None = None,
) -> None:
    """Write the ledger to ``out`` (a path or a binary file). ``subtitle`` (文号, export date) goes under
    the title; optional columns no row fills are left out."""
    cols = visible_columns(rows, columns)
    ncols, width = len(cols), sum(c.width for c in cols)
    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    styles = _Styles()
    _banner(ws, 1, title, _TITLE, ncols, width, styles=styles)
    if subtitle:
        _banner(ws, 2, subtitle, _BODY, ncols, width, styles=styles)
    header = 3 if subtitle else 2
    for i, col in enumerate(cols, 1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
        _put(ws.cell(header, i), col.header, _BOLD, _CENTRE, _HEADER_FILL, styles=styles)
    # 序号 and the merged 任务分类 are centred; the text columns read from the top left.
    aligns = [
        _CENTRE if c.key in (INDEX, CATEGORY) else Alignment(vertical="top", wrap_text=c.wrap) for c in cols
    ]

    cat = next((i for i, c in enumerate(cols, 1) if c.key == CATEGORY), None)
    r, outer_prev, path_prev, run_start = header, None, None, 0  # run: rows sharing one section_path
    for index, row in enumerate(rows, 1):
        if row.section_path != path_prev:
            _merge_run(ws, cat, run_start, r)
            outer = row.section_path[:-1]
            if outer and outer != outer_prev:
                r += 1
                _banner(ws, r, " / ".join(outer), _BOLD, ncols, width, _SECTION_FILL, styles=styles)
            outer_prev, path_prev, run_start = outer, row.section_path, r + 1
        r += 1
        for i, col in enumerate(cols, 1):
            cell = ws.cell(r, i)
            _put(
                cell, "" if col.key == INDEX else cell_text(row, col.key), _BODY, aligns[i - 1], styles=styles
            )
            if col.key == INDEX:
                cell.value = index  # a number, so Excel neither flags it nor sorts it as text
    _merge_run(ws, cat, run_start, r)

    _page_setup(ws, header, f"A{header}:{get_column_letter(ncols)}{r}")
    wb.save(out)


def _page_setup(ws: Worksheet, header: int, table: str) -> None:
    ws.freeze_panes = ws.cell(header + 1, 1)
    ws.print_title_rows = f"1:{header}"
    ws.auto_filter.ref = table
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0  # 0: as many pages tall as needed
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.5, bottom=0.6, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
