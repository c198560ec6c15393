"""The ledger (台账) as an .xlsx laid out the way a government office keeps one: title, header, a section
row where the outer heading changes, merged 任务分类 cells, printable on A4 landscape.

Columns are declared once, here; callers add ``Column``s for their own data (最新进展, 状态) and fill them
through ``LedgerRow.values``. No Django import: the CLI uses this too.
"""

from __future__ import annotations

from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from taizhang.exports.printing import (
    MIN_WRAP_WIDTH,
    Value,
    display_width,
    fit_widths,
    number_format,
    page_setup,
    row_height,
    sheet_title,
)


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    width: float  # Excel character units; narrowed when the table is too wide to print (``printing``)
    wrap: bool = True  # False: the column keeps its width (序号)
    optional: bool = False  # shown only when some row has a value for it
    number_format: str | None = None  # for numbers ("0.00"); dates get yyyy-mm-dd whatever it says


@dataclass(slots=True)
class LedgerRow:
    section_path: list[str]  # headings above the task, outermost first
    number: str  # as printed; restarts per section, so not an index
    text: str
    # column key -> cell value: text (units already joined with 、), or a number or date, which the sheet
    # keeps as a number or date (so it sorts and sums) and the CSV writes as text
    values: dict[str, Value]


@dataclass(slots=True)
class LedgerSheet:
    """One sheet of a workbook: its tab name (what it is: 任务台账, 分单位明细 …), the title over it, rows."""

    name: str
    title: str
    rows: Sequence[LedgerRow]
    columns: Sequence[Column] = ()
    subtitle: str | None = None


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


def cell_value(row: LedgerRow, key: str) -> Value:
    """The value of one cell; 任务分类 is the innermost heading (the section row carries the outer ones)."""
    if key == CATEGORY:
        return row.section_path[-1] if row.section_path else ""
    if key == TEXT:
        return row.text
    if key == NUMBER:
        return row.number
    value = row.values.get(key)
    return "" if value is None else value


def cell_text(row: LedgerRow, key: str) -> str:
    """The cell as text (the CSV): a date as yyyy-mm-dd (with the time when it has one), a number as is."""
    value = cell_value(row, key)
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    return value.isoformat() if isinstance(value, date) else str(value)


def visible_columns(rows: Sequence[LedgerRow], columns: Sequence[Column]) -> list[Column]:
    return [c for c in columns if not c.optional or any(cell_value(r, c.key) != "" for r in rows)]


_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BODY, _BOLD = Font(name="宋体", size=11), Font(name="宋体", size=11, bold=True)
_TITLE = Font(name="宋体", size=16, bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_SECTION = Alignment(horizontal="left", vertical="center", wrap_text=True)


class _Styles:
    """The styles of one workbook's cells. openpyxl looks each font, alignment, border, fill and number
    format up in the workbook's lists by hashing it, on every assignment to every cell: for an export of 800
    rows most of the time went there. So a combination is assigned the ordinary way once, on its first cell,
    and the other cells get a copy of the index array openpyxl keeps per cell (``Cell._style``, as openpyxl's
    own ``copy_worksheet`` copies it). The workbook written is the same, byte for byte."""

    def __init__(self) -> None:
        self._arrays: dict[tuple[int, int, int, str | None], StyleArray] = {}

    def apply(
        self, cell: Cell, font: Font, alignment: Alignment, fill: PatternFill | None, fmt: str | None = None
    ) -> None:
        key = (id(font), id(alignment), id(fill), fmt)  # the module's and the writer's own objects
        array = self._arrays.get(key)
        if array is not None:
            cell._style = copy(array)
            return
        cell.font, cell.alignment, cell.border = font, alignment, _BORDER
        if fill:
            cell.fill = fill
        if fmt:
            cell.number_format = fmt
        self._arrays[key] = copy(cell._style)


def _put(
    cell: Cell,
    value: Value,
    font: Font,
    alignment: Alignment,
    fill: PatternFill | None = None,
    *,
    styles: _Styles,
    fmt: str | None = None,
) -> None:
    if not isinstance(value, str):  # a number or a date: stored as one, shown in its format
        styles.apply(cell, font, alignment, fill, number_format(value, fmt))
        cell.value = value
        return
    styles.apply(cell, font, alignment, fill)  # first: it replaces the cell's whole style, quotePrefix too
    # openpyxl raises on characters XML cannot hold; Word's manual line break (\x0b) and page break (\x0c)
    # can come through in parsed text, so those become line ends and the rest go.
    text = ILLEGAL_CHARACTERS_RE.sub("", value.replace("\x0b", "\n").replace("\x0c", "\n"))
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
    """A row merged across the table. Excel does not autofit a merged row, so its height is estimated."""
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
    ws.row_dimensions[row].height = row_height([(text, width)], font.size)


def _widths(rows: Sequence[LedgerRow], cols: Sequence[Column]) -> list[float]:
    """The columns' widths on paper: each at least as wide as its widest number or date (which do not wrap),
    the wrapping ones narrowed so that the sheet prints one page wide at 9 pt or more (``printing``)."""
    widths, minimums = [], []
    for col in cols:
        need = max((display_width(cell_value(r, col.key)) for r in rows), default=0.0)
        widths.append(max(col.width, need))
        minimums.append(max(MIN_WRAP_WIDTH, need) if col.wrap else None)
    return fit_widths(widths, minimums)


def _text(value: Value) -> str:
    return value if isinstance(value, str) else ""  # numbers and dates take one line


def write_ledger_xlsx(
    out: BinaryIO | str | Path,
    *,
    title: str,
    rows: Sequence[LedgerRow],
    columns: Sequence[Column] = LEDGER_COLUMNS,
    subtitle: str | None = None,
    sheet: str = "台账",
) -> None:
    """Write the ledger to ``out`` (a path or a binary file) as one sheet named ``sheet``. ``subtitle``
    (文号, export date) goes under the title; optional columns no row fills are left out."""
    write_ledger_workbook(out, [LedgerSheet(sheet, title, rows, columns, subtitle)])


def write_ledger_workbook(out: BinaryIO | str | Path, sheets: Sequence[LedgerSheet]) -> None:
    """Several ledger sheets in one workbook, in order (the first is the one a spreadsheet opens on)."""
    wb = Workbook()
    wb.remove(wb.active)
    styles = _Styles()
    for spec in sheets:
        _write_sheet(wb.create_sheet(sheet_title(spec.name)), spec, styles)
    wb.save(out)


def _write_sheet(ws: Worksheet, spec: LedgerSheet, styles: _Styles) -> None:
    rows = spec.rows
    cols = visible_columns(rows, spec.columns or LEDGER_COLUMNS)
    widths = _widths(rows, cols)
    ncols, width = len(cols), sum(widths)
    _banner(ws, 1, spec.title, _TITLE, ncols, width, styles=styles)
    if spec.subtitle:
        _banner(ws, 2, spec.subtitle, _BODY, ncols, width, styles=styles)
    header = 3 if spec.subtitle else 2
    for i, col in enumerate(cols, 1):
        ws.column_dimensions[get_column_letter(i)].width = widths[i - 1]
        _put(ws.cell(header, i), col.header, _BOLD, _CENTRE, _HEADER_FILL, styles=styles)
    ws.row_dimensions[header].height = row_height([(c.header, w) for c, w in zip(cols, widths, strict=True)])
    # 序号 and the merged 任务分类 are centred; the text columns read from the top left.
    aligns = [
        _CENTRE if c.key in (INDEX, CATEGORY) else Alignment(vertical="top", wrap_text=c.wrap) for c in cols
    ]
    # The cells whose text sets a row's height: the wrapping ones but 任务分类, merged over its run.
    tall = [(i, widths[i]) for i, c in enumerate(cols) if c.wrap and c.key != CATEGORY]

    cat = next((i for i, c in enumerate(cols, 1) if c.key == CATEGORY), None)
    r, outer_prev, path_prev, run_start = header, None, None, 0  # run: rows sharing one section_path
    for index, row in enumerate(rows, 1):
        if row.section_path != path_prev:
            _merge_run(ws, cat, run_start, r, widths)
            outer = row.section_path[:-1]
            if outer and outer != outer_prev:
                r += 1
                _banner(ws, r, " / ".join(outer), _BOLD, ncols, width, _SECTION_FILL, styles=styles)
            outer_prev, path_prev, run_start = outer, row.section_path, r + 1
        r += 1
        values = [index if c.key == INDEX else cell_value(row, c.key) for c in cols]
        for i, col in enumerate(cols):
            _put(ws.cell(r, i + 1), values[i], _BODY, aligns[i], styles=styles, fmt=col.number_format)
        ws.row_dimensions[r].height = row_height([(_text(values[i]), w) for i, w in tall])
    _merge_run(ws, cat, run_start, r, widths)

    _freeze_and_filter(ws, header, f"A{header}:{get_column_letter(ncols)}{r}")
    text_col = next((i for i, c in enumerate(cols, 1) if c.key == TEXT), 1)
    page_setup(ws, title_rows=header, widths=widths, title_cols=f"A:{get_column_letter(text_col)}")


def _merge_run(ws: Worksheet, col: int | None, first: int, last: int, widths: Sequence[float]) -> None:
    """Merge a run's 任务分类 cells; when its text needs more height than the run's rows have, the last row
    takes the rest, so the heading prints whole."""
    if not (col and first and ws.cell(first, col).value is not None):
        return
    if last > first:
        ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)
    need = row_height([(str(ws.cell(first, col).value), widths[col - 1])])
    have = sum(ws.row_dimensions[r].height or 0 for r in range(first, last + 1))
    if need > have:
        ws.row_dimensions[last].height = min(409.0, (ws.row_dimensions[last].height or 0) + need - have)


def _freeze_and_filter(ws: Worksheet, header: int, table: str) -> None:
    ws.freeze_panes = ws.cell(header + 1, 1)
    ws.auto_filter.ref = table
