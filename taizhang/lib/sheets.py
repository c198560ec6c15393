"""Reading the first sheet of an .xlsx that an office keeps by hand (制度目录, 通讯录 …): a title above the
header, the header found among the first rows by the names offices use for each column, merged cells, blank
rows. Knows no domain: each importer says which columns it wants and checks the rows itself."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import IO, ClassVar

from openpyxl import load_workbook

from taizhang.lib.i18n import said
from taizhang.lib.ooxml import ZipRefused, check_zip, open_workbook, sheet_rows
from taizhang.lib.refusal import Refusal

HEADER_ROWS = 10


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with a file: its sheet row number (None for the file as a whole) and the reason."""

    row: int | None
    zh: str
    en: str

    def one_line(self) -> str:
        if self.row:
            return said(f"第 {self.row} 行：{self.zh}", f"row {self.row}: {self.en}")
        return said(self.zh, self.en)


class SheetRefusal(Refusal):
    """A sheet refused as a whole: every problem with its row, and the rows read, so the page shows the whole
    sheet with its problems. Each importer subclasses it with its area's ``default_code``; ``code`` overrides
    it when another area's rule refused the file (the files app's ``executable``, ``ratio_too_high`` …)."""

    default_code: ClassVar[str]

    def __init__(self, problems: list[Problem], rows: Iterable = (), code: str | None = None):
        super().__init__(
            code or self.default_code,
            "；".join(f"第 {p.row} 行：{p.zh}" if p.row else p.zh for p in problems),
            "; ".join(f"row {p.row}: {p.en}" if p.row else p.en for p in problems),
        )
        self.problems, self.rows = problems, list(rows)

    def one_line(self) -> str:
        return "；".join(p.one_line() for p in self.problems)

    def __reduce__(self):
        return (type(self), (self.problems, self.rows, self.code))


class BadFile(Exception):
    """The file cannot be read as a sheet at all (not an .xlsx, over the zip or sheet limits, no header row);
    ``code`` is the limit's kind (``lib.ooxml``) when a limit refused it."""

    def __init__(self, zh: str, en: str, code: str | None = None):
        super().__init__(zh)
        self.problem = Problem(None, zh, en)
        self.code = code

    def __str__(self) -> str:
        return self.problem.one_line()


def cell_text(value) -> str:
    """A cell as one line of text: whole floats without ``.0`` (Excel stores 13800138000 as a number),
    runs of white space as one space, None as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def read_first_sheet(fileobj: IO[bytes], *, fill_merged: bool = False) -> list[tuple]:
    """The cell values of the first sheet, row by row. With ``fill_merged`` every cell of a merged range
    holds the range's value (a 单位 cell merged over the rows of its people), which needs the whole workbook
    in memory rather than openpyxl's streaming reader. ``BadFile`` when it is not an .xlsx workbook or is over
    the zip or sheet limits (``lib.ooxml``: the package checked before openpyxl unpacks anything, the rows
    counted as they are read)."""
    if not zipfile.is_zipfile(fileobj):
        raise BadFile(
            "只能导入 .xlsx 文件（不支持 .xls、.csv 等格式）。",
            "Only .xlsx files can be imported (not .xls or .csv).",
        )
    fileobj.seek(0)
    try:
        if fill_merged:
            check_zip(fileobj)
            workbook = load_workbook(fileobj, data_only=True)
        else:
            workbook = open_workbook(fileobj)
    except ZipRefused as exc:
        raise BadFile(exc.zh, exc.en, code=exc.kind) from exc
    except Exception as exc:  # openpyxl raises many kinds for a zip that is not a workbook
        raise BadFile("无法读取该 .xlsx 文件。", "The .xlsx file cannot be read.") from exc
    try:
        sheet = workbook.worksheets[0]
        values = [list(row) for row in sheet_rows(sheet)]
    except ZipRefused as exc:
        raise BadFile(exc.zh, exc.en, code=exc.kind) from exc
    finally:
        if not fill_merged:
            workbook.close()
    if fill_merged:
        for merged in sheet.merged_cells.ranges:
            top = merged.min_row - 1
            if top >= len(values):
                continue
            value = values[top][merged.min_col - 1] if merged.min_col - 1 < len(values[top]) else None
            for r in range(top, min(merged.max_row, len(values))):
                for c in range(merged.min_col - 1, min(merged.max_col, len(values[r]))):
                    values[r][c] = value
    return [tuple(row) for row in values]


def find_header(
    rows: list[tuple], synonyms: Mapping[str, tuple[str, ...]], *, needs: str
) -> tuple[int, dict[str, int]] | None:
    """The index of the header row among the first ``HEADER_ROWS`` and column → cell index, matching each
    cell (spaces ignored) against ``synonyms`` (column → the names offices give it); the header row is the
    first that names the column ``needs``. None when no row does."""
    for index, row in enumerate(rows[:HEADER_ROWS]):
        names = ["".join(cell_text(cell).split()) for cell in row]
        columns: dict[str, int] = {}
        for column, words in synonyms.items():
            for i, name in enumerate(names):
                if name in words and column not in columns:
                    columns[column] = i
        if needs in columns:
            return index, columns
    return None
