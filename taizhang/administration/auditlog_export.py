"""The audit log as an .xlsx: the filtered entries, newest first, up to ``EXPORT_CAP`` rows, written with
openpyxl's write-only workbook (rows go to disk as they are read, so memory stays flat) and recorded as an
entry of its own (``audit.export``). 时间 is a date-time cell; the text wraps, each row as tall as its
text, and the sheet prints on A4 landscape at 9 pt or more (``exports.printing``)."""

from __future__ import annotations

import tempfile
from copy import copy
from dataclasses import asdict
from typing import IO

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from taizhang.accounts.models import User
from taizhang.administration.auditlog import Filters
from taizhang.audit.diff import entry_diff
from taizhang.audit.models import AuditEvent
from taizhang.audit.services import audit_record
from taizhang.exports.ledger_xlsx import escape_cell
from taizhang.exports.printing import DATETIME_FORMAT, MIN_WRAP_WIDTH, fit_widths, page_setup, row_height
from taizhang.units.models import Unit

EXPORT_CAP = 50_000
EXPORT_ACTION = "audit.export"
# Declared once: header and width (时间 keeps its width; the others wrap and narrow to print).
COLUMNS: tuple[tuple[str, float], ...] = (
    ("时间", 19),
    ("操作人", 16),
    ("账号", 16),
    ("单位", 20),
    ("操作", 22),
    ("结果", 8),
    ("对象类型", 22),
    ("对象编号", 10),
    ("对象名称", 30),
    ("IP 地址", 16),
    ("来源", 14),
    ("变更（字段：修改前 → 修改后）", 80),
)


def _changes(entry: AuditEvent) -> str:
    return "\n".join(f"{row.field}：{row.before} → {row.after}" for row in entry_diff(entry) if row.changed)


def _row(entry: AuditEvent, units: dict[int, str]) -> list[str]:
    """The text cells, after 时间."""
    actor = entry.actor
    cells = [
        str(actor) if actor else "",
        actor.username if actor else "",
        units.get(entry.unit_ref, "") if entry.unit_ref is not None else "",
        entry.action,
        entry.get_result_display(),
        entry.object_type,
        entry.object_id,
        entry.object_repr,
        entry.ip or "",
        entry.source,
        _changes(entry)[:32_000],  # a cell holds at most 32,767 characters
    ]
    return [escape_cell(cell) for cell in cells]


def write_audit_xlsx(entries: QuerySet[AuditEvent], out: IO[bytes]) -> int:
    """Write up to EXPORT_CAP of ``entries`` (already ordered) to ``out``; the number of rows written."""
    units = {unit.pk: str(unit) for unit in Unit.objects.all()}  # ~1,700 at most: cheaper than a join per row
    book = Workbook(write_only=True)
    sheet = book.create_sheet("审计日志")
    widths = fit_widths([w for _, w in COLUMNS], [None, *[MIN_WRAP_WIDTH] * (len(COLUMNS) - 1)])
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    page_setup(sheet, title_rows=1, widths=widths, title_cols="A:A")
    # Each style once, its index array copied to every cell (as ledger_xlsx's _Styles does): a write-only
    # workbook would otherwise look the style up again for each of 50,000 × 12 cells.
    wrap, when = _style(sheet, None), _style(sheet, DATETIME_FORMAT)
    text_widths = widths[1:]
    sheet.row_dimensions[1].height = row_height([(h, w) for (h, _), w in zip(COLUMNS, widths, strict=True)])
    sheet.append([_cell(sheet, header, wrap) for header, _ in COLUMNS])
    count = 0
    for entry in entries.select_related("actor")[:EXPORT_CAP].iterator(chunk_size=2000):
        texts = _row(entry, units)
        # write-only rows take their height when appended; the row about to be written is count + 2
        sheet.row_dimensions[count + 2].height = row_height(list(zip(texts, text_widths, strict=True)))
        at = timezone.localtime(entry.at).replace(tzinfo=None)  # a cell holds no time zone: local time
        sheet.append([_cell(sheet, at, when), *(_cell(sheet, text, wrap) for text in texts)])
        count += 1
    book.save(out)
    return count


def _style(sheet, fmt: str | None):
    cell = WriteOnlyCell(sheet)
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    if fmt:
        cell.number_format = fmt
    return copy(cell._style)


def _cell(sheet, value, style) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value)
    cell._style = copy(style)
    return cell


def audit_log_export(
    *, actor: User, entries: QuerySet[AuditEvent], filters: Filters
) -> tuple[IO[bytes], int]:
    """Write the export to a temporary file (rewound; the caller streams and closes it) and record who
    exported what: the filters and the number of rows, in one transaction with nothing else to roll back."""
    out = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it once sent)
    count = write_audit_xlsx(entries, out)
    out.seek(0)
    used = {key: str(value) for key, value in asdict(filters).items() if value}
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=EXPORT_ACTION,
            obj=None,
            after={"filters": used, "rows": count, "capped": count >= EXPORT_CAP},
        )
    return out, count
