"""Excel (.xlsx) plans (任务分工表) as the same lines and table the text reader gives: the rows above the
header (the title) as lines, the header and the rows under it as one table for ``families.tables``.

The workbook is opened read-only (rows stream, nothing but values is kept) after ``zipguard`` has checked
the package; a sheet past ``MAX_ROWS`` is refused as its rows are read. Read-only sheets do not tell their
merged cells, so the ranges are read from the sheet's own XML (only the ``<mergeCell ref=…>`` elements,
matched as bytes: nothing is expanded) and a merged cell's value fills its whole range, as Excel shows it.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from io import BytesIO

from .families import Line, tables
from .model import ParseError
from .structure import Table
from .text import clean_line, squeeze

MAX_ROWS = 20_000
MAX_COLUMNS = 50
HEADER_ROWS = 10  # the header is looked for among the first rows, under a title and blank rows
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def read_xlsx(data: bytes, sheet: str | None = None) -> list[Line | Table]:
    """The blocks of ``sheet`` (its name, or its 1-based position); when None, of the first sheet that
    holds a task table, or of the first sheet."""
    from openpyxl import load_workbook  # only Excel plans need it

    try:
        workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise ParseError(
            "corrupt_xlsx", "Excel 文件已损坏，无法打开", "the Excel file is damaged and cannot be opened"
        ) from exc
    try:
        rows = _chosen_rows(workbook, data, sheet)
    except ParseError:
        raise
    except Exception as exc:  # a sheet part that is not sheet XML: openpyxl fails as it streams the rows
        raise ParseError(
            "corrupt_xlsx",
            "Excel 文件已损坏，无法读取工作表",
            "the Excel file is damaged: a sheet cannot be read",
        ) from exc
    finally:
        workbook.close()
    return _blocks(rows)


def _chosen_rows(workbook, data: bytes, sheet: str | None) -> list[list[str]]:
    if sheet is not None:
        return _read(_sheet(workbook, sheet), data)
    # The first sheet that holds a task table (a cover or notes sheet may come first), else the first.
    first = None
    for name in workbook.sheetnames:
        rows = _read(workbook[name], data)
        if _header(rows) is not None:
            return rows
        first = rows if first is None else first
    return first or []


def _read(ws, data: bytes) -> list[list[str]]:
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # a claimed A1:XFD1048576 would pad every row
    rows = _rows(ws)
    _fill_merged(rows, _merged_ranges(data, getattr(ws, "_worksheet_path", None)))
    return rows


def _header(rows: list[list[str]]) -> int | None:
    """The index of the header row among the first rows, or None."""
    return next(
        (i for i, row in enumerate(rows[:HEADER_ROWS]) if tables.header_columns([squeeze(c) for c in row])),
        None,
    )


def _sheet(workbook, name: str):
    names = workbook.sheetnames
    if name in names:
        return workbook[name]
    if name.isdigit() and 1 <= int(name) <= len(names):
        return workbook[names[int(name) - 1]]
    listed = "、".join(names[:20])
    raise ParseError(
        "no_sheet",
        f"工作簿中没有工作表“{name}”（有：{listed}）",
        f"the workbook has no sheet “{name}” (it has: {', '.join(names[:20])})",
    )


def _rows(ws) -> list[list[str]]:
    rows = []
    for count, row in enumerate(ws.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
        if count > MAX_ROWS:
            raise ParseError(
                "too_many_rows",
                f"工作表超过 {MAX_ROWS} 行的上限",
                f"the sheet has more than {MAX_ROWS} rows, the limit",
            )
        cells = [_text(value) for value in row]
        while cells and not cells[-1]:
            cells.pop()  # max_col pads every row to MAX_COLUMNS
        rows.append(cells)
    return rows


def _text(value) -> str:
    """A cell as text: dates as printed in plans (2025年6月30日), whole numbers without ``.0``; line breaks
    inside a cell are kept (a unit per line in a unit column)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "\n".join(clean_line(part) for part in str(value).splitlines())


def _merged_ranges(data: bytes, path: str | None) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column), 0-based, of the sheet's merged cells."""
    if not path:
        return []
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            xml = archive.read(path.lstrip("/"))
    except (KeyError, zipfile.BadZipFile, OSError):
        return []
    found = []
    for m in _MERGE.finditer(xml):
        c1, r1, c2, r2 = _column(m[1]), int(m[2]) - 1, _column(m[3]), int(m[4]) - 1
        if 0 <= r1 <= r2 < MAX_ROWS and 0 <= c1 <= c2:
            found.append((r1, c1, r2, min(c2, MAX_COLUMNS - 1)))
    return found


def _column(letters: bytes) -> int:
    value = 0
    for ch in letters:
        value = value * 26 + ch - 64
    return value - 1


def _fill_merged(rows: list[list[str]], ranges: list[tuple[int, int, int, int]]) -> None:
    for r1, c1, r2, c2 in ranges:
        if r1 >= len(rows) or c1 >= len(rows[r1]):
            continue
        value = rows[r1][c1]
        for r in range(r1, min(r2 + 1, len(rows))):
            row = rows[r]
            if len(row) <= c2:
                row.extend([""] * (c2 + 1 - len(row)))
            for c in range(c1, c2 + 1):
                row[c] = value


def _blocks(rows: list[list[str]]) -> list[Line | Table]:
    """Lines above the header row, then the table; every row as lines when no header is found."""
    blocks: list[Line | Table] = []
    header = _header(rows)
    for no, row in enumerate(rows[: header if header is not None else len(rows)], start=1):
        cells = list(dict.fromkeys(squeeze(c.replace("\n", "")) for c in row if c.strip()))
        if cells:
            blocks.append(Line(no, " ".join(cells)))  # a merged title repeats over its columns: once
    if header is not None:
        width = len(rows[header])  # the header's last named column: cells past it are margin notes
        body = [(no, row[:width]) for no, row in enumerate(rows[header:], start=header + 1) if any(row)]
        blocks.append(Table(header + 1, body))
    return blocks
