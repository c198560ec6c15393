"""The rater codes' hand-over sheet (测评码): one code a row, shown this once — only digests are kept."""

from __future__ import annotations

from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Font

from taizhang.appraisals.models import Survey
from taizhang.exports.ledger_xlsx import escape_cell


def write_codes(out: BinaryIO, survey: Survey, codes: list[str], *, rate_url: str) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "测评码"
    sheet.append([escape_cell(survey.title)])
    sheet["A1"].font = Font(bold=True)
    sheet.append(["序号", "测评码"])
    for n, code in enumerate(codes, start=1):
        sheet.append([n, code])  # codes are letters and digits: no formula can start one
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 20
    sheet.append([])
    sheet.append([f"测评人在 {rate_url} 输入测评码进行评价，每个测评码只能使用一次，系统不保存测评码原文。"])
    book.save(out)
