"""Reading a regulation catalogue (制度目录) from .xlsx: the first sheet, its header row found among the
first ten by the column names offices use, each row's cells as text, dates and statuses. Knows nothing
of the register; ``catalogue.service`` checks the rows against it."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO

from openpyxl.utils.datetime import from_excel

from taizhang.lib.ooxml import ZipRefused, open_workbook, sheet_rows
from taizhang.regulations.models import Regulation

HEADER_ROWS = 10
# Column → the headers that name it (spaces ignored).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("制度名称", "名称", "制度"),
    "unit": ("制定单位", "发文单位", "责任单位"),
    "doc_number": ("文号",),
    "issued_on": ("印发日期", "发布日期", "出台时间"),
    "status": ("状态",),
    "summary": ("备注", "主要内容"),
}
STATUSES = {
    "现行有效": Regulation.Status.IN_FORCE,
    "有效": Regulation.Status.IN_FORCE,
    "起草中": Regulation.Status.DRAFTING,
    "修订中": Regulation.Status.REVISING,
    "已废止": Regulation.Status.ABOLISHED,
    "废止": Regulation.Status.ABOLISHED,
}
_DATE = re.compile(r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")


@dataclass(frozen=True, slots=True)
class Problem:
    row: int | None  # the sheet's row number; None for the file as a whole
    zh: str
    en: str

    def one_line(self) -> str:
        where = f"第 {self.row} 行 / row {self.row}: " if self.row else ""
        return f"{where}{self.zh} / {self.en}"


@dataclass(slots=True)
class CatalogueRow:
    row: int
    title: str
    unit_name: str = ""
    doc_number: str = ""
    issued_on: date | None = None
    status: str = ""  # a Regulation.Status value, or "" when the cell is empty
    summary: str = ""
    extra: dict = field(default_factory=dict)  # filled by the service: unit, existing regulation, action

    @property
    def status_label(self) -> str:
        return str(Regulation.Status(self.status).label) if self.status else ""


class BadFile(Exception):
    """The file as a whole cannot be read; ``code`` is the files code when the zip limits refused it."""

    def __init__(self, zh: str, en: str, code: str | None = None):
        super().__init__(f"{zh} / {en}")
        self.problem = Problem(None, zh, en)
        self.code = code


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def parse_date(value) -> date | None:
    """An Excel date, a serial number, or text such as 2021年3月5日, 2021-03-05, 2021.3.5; None when empty.
    ValueError when it is none of these."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float):
        return from_excel(value).date()
    m = _DATE.fullmatch(str(value).strip())
    if m is None:
        raise ValueError(value)
    return date(int(m[1]), int(m[2]), int(m[3]))


def _header(rows: list[tuple]) -> tuple[int, dict[str, int]] | None:
    """The index of the header row among the first rows and column → cell index; needs a title column."""
    for index, row in enumerate(rows[:HEADER_ROWS]):
        names = ["".join(_text(cell).split()) for cell in row]
        columns = {}
        for column, synonyms in SYNONYMS.items():
            for i, name in enumerate(names):
                if name in synonyms and column not in columns:
                    columns[column] = i
        if "title" in columns:
            return index, columns
    return None


def read_catalogue(fileobj: IO[bytes]) -> tuple[list[CatalogueRow], list[Problem]]:
    """The rows of the first sheet below its header (blank rows skipped) and the problems found in them.
    ``BadFile`` when the file is not an .xlsx workbook, is over the zip or sheet limits (``lib.ooxml``:
    checked before openpyxl unpacks anything, and the rows counted as they are read) or has no header."""
    if not zipfile.is_zipfile(fileobj):
        raise BadFile(
            "只能导入 .xlsx 文件（不支持 .xls、.csv 等格式）。",
            "Only .xlsx files can be imported (not .xls or .csv).",
        )
    fileobj.seek(0)
    try:
        workbook = open_workbook(fileobj)
    except ZipRefused as exc:
        raise BadFile(exc.zh, exc.en, code=exc.kind) from exc
    except Exception as exc:  # openpyxl raises many kinds for a zip that is not a workbook
        raise BadFile("无法读取该 .xlsx 文件。", "The .xlsx file cannot be read.") from exc
    try:
        values = list(sheet_rows(workbook.worksheets[0]))
    except ZipRefused as exc:
        raise BadFile(exc.zh, exc.en, code=exc.kind) from exc
    finally:
        workbook.close()
    found = _header(values)
    if found is None:
        raise BadFile(
            f"前 {HEADER_ROWS} 行中没有表头（须有“制度名称”列）。",
            f"No header row in the first {HEADER_ROWS} rows (a “制度名称” column is needed).",
        )
    start, columns = found
    rows, problems = [], []
    for number, cells in enumerate(values[start + 1 :], start=start + 2):
        cell = {c: (cells[i] if i < len(cells) else None) for c, i in columns.items()}
        if not any(_text(v) for v in cell.values()):
            continue
        row = CatalogueRow(
            row=number,
            title=_text(cell.get("title")).strip("《》 "),
            unit_name=_text(cell.get("unit")),
            doc_number=_text(cell.get("doc_number")),
            summary=_text(cell.get("summary")),
        )
        try:
            row.issued_on = parse_date(cell.get("issued_on"))
        except (ValueError, OverflowError):
            problems.append(
                Problem(number, f"日期“{_text(cell.get('issued_on'))}”无法识别。", "The date is not a date.")
            )
        status = _text(cell.get("status"))
        if status and status not in STATUSES:
            problems.append(Problem(number, f"状态“{status}”无法识别。", f"Unknown status “{status}”."))
        row.status = STATUSES.get(status, "")
        rows.append(row)
    return rows, problems
