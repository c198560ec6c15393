"""The ledger (台账) as CSV, for people who re-sort it in a spreadsheet or load it into another system.

Same columns as the .xlsx (``LEDGER_COLUMNS`` or the caller's), but flat: with no section rows, 任务分类 holds
the full heading path joined with " / ".

Encoding is the caller's job: Excel on a Chinese Windows reads a CSV as GBK unless it starts with a BOM, so
open the file with ``encoding="utf-8-sig", newline=""`` (or, in a Django response, write "\\ufeff" first).
``newline=""`` matters because the csv module writes its own \\r\\n line ends.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import TextIO

from taizhang.exports.ledger_xlsx import (
    CATEGORY,
    INDEX,
    LEDGER_COLUMNS,
    Column,
    LedgerRow,
    cell_text,
    escape_cell,
    visible_columns,
)


def write_ledger_csv(
    out: TextIO, *, rows: Sequence[LedgerRow], columns: Sequence[Column] = LEDGER_COLUMNS
) -> None:
    cols = visible_columns(rows, columns)
    writer = csv.writer(out)
    writer.writerow([escape_cell(c.header) for c in cols])
    for index, row in enumerate(rows, 1):
        writer.writerow([_text(row, c.key, index) for c in cols])


def _text(row: LedgerRow, key: str, index: int) -> str:
    if key == INDEX:
        return str(index)
    if key == CATEGORY:
        return escape_cell(" / ".join(row.section_path))
    return escape_cell(cell_text(row, key))
