"""What a page answers besides a rendered template: whether htmx asked for part of it, and an .xlsx
download. Shared by every app's views (ledger, reports, supervision, rectification, assessment …)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import BinaryIO

from django.http import HttpRequest, HttpResponse

from taizhang.exports import pdf
from taizhang.lib.downloads import content_disposition

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_htmx(request: HttpRequest) -> bool:
    """A request htmx sent (it swaps only 2xx answers, so a refusal goes into the part it swaps)."""
    return request.headers.get("HX-Request") == "true"


def wants_partial(request: HttpRequest) -> bool:
    """An htmx request swapping part of the page. A history restore (htmx keeps no page snapshots here, so
    going back asks the server again) needs the whole page."""
    return is_htmx(request) and not request.headers.get("HX-History-Restore-Request")


def xlsx_response(write: Callable[[BinaryIO], None], filename: str, *, ascii_name: str) -> HttpResponse:
    """An .xlsx download. The Chinese name travels as RFC 5987 ``filename*=UTF-8''…``, after an ASCII
    ``filename`` for clients that read only that (as evidence downloads do)."""
    out = io.BytesIO()
    write(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = content_disposition(filename, ascii_name=ascii_name)
    return response


PDF = "application/pdf"


def pdf_available() -> bool:
    """Whether this server can make PDFs (LibreOffice installed): pages show the PDF link only then."""
    return pdf.available()


def pdf_response(data: bytes, *, suffix: str, filename: str, ascii_name: str) -> HttpResponse:
    """``data`` (a .docx or .xlsx the caller made) as a PDF download through LibreOffice. Without
    LibreOffice: 409 and why (the page hides the link, so this is someone typing the address); when it
    cannot convert the file: 422. Never a 500."""
    try:
        made = pdf.to_pdf(data, suffix=suffix)
    except pdf.PdfUnavailable:
        return HttpResponse(
            "本服务器未安装 LibreOffice，无法生成 PDF，请下载 Word/Excel 文件。\n"
            "LibreOffice is not installed on this server, so no PDF can be made; "
            "download the Word/Excel file instead.\n",
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    except pdf.PdfFailed:
        return HttpResponse(
            "PDF 生成失败，请稍后重试或下载 Word/Excel 文件。\n"
            "The PDF could not be made; retry later or download the Word/Excel file.\n",
            status=422,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(made, content_type=PDF)
    response["Content-Disposition"] = content_disposition(filename, ascii_name=ascii_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
