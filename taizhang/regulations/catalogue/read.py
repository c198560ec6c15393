"""Reading a regulation catalogue (制度目录) from .xlsx: the first sheet, its header row found among the
first ten by the column names offices use, each row's cells as text, dates and statuses. Knows nothing
of the register; ``catalogue.service`` checks the rows against it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO

from openpyxl.utils.datetime import from_excel

from taizhang.lib.sheets import HEADER_ROWS, BadFile, Problem, cell_text, find_header, read_first_sheet
from taizhang.regulations.models import Regulation

__all__ = ["BadFile", "CatalogueRow", "Problem", "read_catalogue"]

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


def read_catalogue(fileobj: IO[bytes]) -> tuple[list[CatalogueRow], list[Problem]]:
    """The rows of the first sheet below its header (blank rows skipped) and the problems found in them.
    ``BadFile`` when the file is not an .xlsx workbook or has no header row."""
    values = read_first_sheet(fileobj)
    found = find_header(values, SYNONYMS, needs="title")
    if found is None:
        raise BadFile(
            f"前 {HEADER_ROWS} 行中没有表头（须有“制度名称”列）。",
            f"No header row in the first {HEADER_ROWS} rows (a “制度名称” column is needed).",
        )
    start, columns = found
    rows, problems = [], []
    for number, cells in enumerate(values[start + 1 :], start=start + 2):
        cell = {c: (cells[i] if i < len(cells) else None) for c, i in columns.items()}
        if not any(cell_text(v) for v in cell.values()):
            continue
        row = CatalogueRow(
            row=number,
            title=cell_text(cell.get("title")).strip("《》 "),
            unit_name=cell_text(cell.get("unit")),
            doc_number=cell_text(cell.get("doc_number")),
            summary=cell_text(cell.get("summary")),
        )
        try:
            row.issued_on = parse_date(cell.get("issued_on"))
        except (ValueError, OverflowError):
            problems.append(
                Problem(
                    number, f"日期“{cell_text(cell.get('issued_on'))}”无法识别。", "The date is not a date."
                )
            )
        status = cell_text(cell.get("status"))
        if status and status not in STATUSES:
            problems.append(Problem(number, f"状态“{status}”无法识别。", f"Unknown status “{status}”."))
        row.status = STATUSES.get(status, "")
        rows.append(row)
    return rows, problems
