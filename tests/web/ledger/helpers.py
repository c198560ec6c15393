"""Small readers for the ledger page tests."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

HEADER_ROW = 3  # title, subtitle, header


def task_ids(response) -> list[int]:
    """The tasks of the plan ledger's rows, in order."""
    return [row.task.pk for row in response.context["rows"]]


def unit_names(response) -> set[str]:
    """Every unit shown on the plan ledger's rows."""
    return {
        line.unit.name for row in response.context["rows"] for group in row.groups for line in group.lines
    }


def sheet(response, name: str | None = None) -> Worksheet:
    """The sheet ``name`` of the .xlsx answered, or the one it opens on."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = load_workbook(io.BytesIO(response.content))
    return book[name] if name else book.active


def records(ws: Worksheet) -> list[dict[str, str]]:
    """The data rows as header → value; section rows (one merged cell) are left out."""
    header = [cell.value for cell in ws[HEADER_ROW]]
    rows = []
    for values in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if isinstance(values[0], int):
            rows.append(dict(zip(header, values, strict=True)))
    return rows
