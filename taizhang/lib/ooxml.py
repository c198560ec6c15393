"""Opening an Office package a user sent (.docx, .xlsx) with limits, before any parser touches it: the zip
limits from the settings (``TAIZHANG_ZIP_*``, checked by ``docparse.zipguard`` on the central directory
only) and, for a sheet, a cap on the rows and columns read (``TAIZHANG_SHEET_MAX_*``).

Every reader of a user's .docx or .xlsx goes through here: ``check_zip`` before python-docx,
``open_workbook`` and ``sheet_rows`` instead of ``openpyxl.load_workbook`` and ``iter_rows``. A refusal is
``ZipRefused`` (``kind``, ``zh``, ``en``); each caller turns it into its own refusal.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from django.conf import settings

from taizhang.docparse.zipguard import ZipLimits, ZipRefused
from taizhang.docparse.zipguard import check_zip as _check_zip

__all__ = ["ZipLimits", "ZipRefused", "check_zip", "open_workbook", "sheet_rows", "zip_limits"]


def zip_limits() -> ZipLimits:
    return ZipLimits(
        max_unpacked=settings.TAIZHANG_ZIP_MAX_UNPACKED_BYTES,
        max_parts=settings.TAIZHANG_ZIP_MAX_PARTS,
        max_ratio=settings.TAIZHANG_ZIP_MAX_RATIO,
    )


def check_zip(
    fileobj: IO[bytes] | bytes,
    *,
    max_total_uncompressed: int | None = None,
    max_members: int | None = None,
    max_ratio: int | None = None,
) -> None:
    """``ZipRefused`` unless ``fileobj`` is a zip within the limits (each from the settings unless given).
    Reads the central directory only and leaves the file at its start."""
    limits = zip_limits()
    _check_zip(
        fileobj,
        ZipLimits(
            max_unpacked=max_total_uncompressed or limits.max_unpacked,
            max_parts=max_members or limits.max_parts,
            max_ratio=max_ratio or limits.max_ratio,
        ),
    )


def open_workbook(fileobj: IO[bytes]):
    """The workbook, read-only with values (not formulas), after ``check_zip``. Its sheets forget the size
    they claim (a ``<dimension>`` of A1:XFD1048576 would pad every row to 16,384 cells). ``ZipRefused`` for
    a package over the limits; openpyxl's own errors for a zip that is not a workbook. Close it after use."""
    from openpyxl import load_workbook  # only the sheet readers need it

    check_zip(fileobj)
    workbook = load_workbook(fileobj, read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        if hasattr(sheet, "reset_dimensions"):
            sheet.reset_dimensions()
    return workbook


def sheet_rows(sheet, *, max_rows: int | None = None, max_columns: int | None = None) -> Iterator[tuple]:
    """The sheet's rows as tuples of values, at most ``max_columns`` cells each (the rest is not read);
    ``ZipRefused`` (kind ``too_many_rows``) on the first row past ``max_rows``. Limits from the settings
    unless given."""
    max_rows = max_rows or settings.TAIZHANG_SHEET_MAX_ROWS
    max_columns = max_columns or settings.TAIZHANG_SHEET_MAX_COLUMNS
    # A sheet loaded whole (merged cells filled) knows its width: asked for more columns, openpyxl makes an
    # empty cell for each (2,000 rows read as 400,000 cells); the streaming reader stops at a row's end.
    if getattr(sheet, "max_column", None):
        max_columns = min(max_columns, sheet.max_column)
    for count, row in enumerate(sheet.iter_rows(values_only=True, max_col=max_columns), start=1):
        if count > max_rows:
            raise ZipRefused(
                "too_many_rows",
                f"表格超过 {max_rows} 行的上限。",
                f"The sheet has more than {max_rows} rows, the limit.",
            )
        yield tuple(row)
