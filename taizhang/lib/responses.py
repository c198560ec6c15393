"""What a page answers besides a rendered template: whether htmx asked for part of it, and an .xlsx
download. Shared by every app's views (ledger, reports, supervision, rectification, assessment …)."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import BinaryIO

from django.http import HttpRequest, HttpResponse

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
