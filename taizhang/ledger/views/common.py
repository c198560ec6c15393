"""What the ledger views share: lines made ready to show, htmx partials, .xlsx responses."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from datetime import date
from typing import BinaryIO
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse

from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_light, attach_latest_reports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def displayed(lines: Iterable[Assignment], *, today: date) -> list[Assignment]:
    """Evaluate ``lines`` (annotated by ``with_latest_report``) and attach ``latest_report`` and ``light``:
    one query for the lines, one for their milestones, one for their reports, whatever their number."""
    lines = list(lines)
    attach_latest_reports(lines)
    for line in lines:
        line.light = assignment_light(line, today=today)
    return lines


def wants_partial(request: HttpRequest) -> bool:
    """An htmx request swapping part of the page. A history restore (htmx keeps no page snapshots here, so
    going back asks the server again) needs the whole page."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def xlsx_response(write: Callable[[BinaryIO], None], filename: str, *, ascii_name: str) -> HttpResponse:
    """An .xlsx download. The Chinese name travels as RFC 5987 ``filename*=UTF-8''…``, after an ASCII
    ``filename`` for clients that read only that (as evidence downloads do)."""
    out = io.BytesIO()
    write(out)
    response = HttpResponse(out.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
