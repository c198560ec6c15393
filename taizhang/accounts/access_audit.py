"""Denied requests and downloads as audit entries (等保 安全审计: "denied access, downloads and exports").

One middleware sees every answer, whichever layer gave it: a 403 (a wrong role, the password-change or
second-factor gate, a CSRF failure, the API's refusal) is recorded as ``access.denied`` with result failure;
an answer sent as an attachment (``lib.downloads.content_disposition`` is the one way to send one: evidence,
case documents, .xlsx/.csv/.docx exports, circulars, backups of the audit log) as ``data.download``. Both
with the person, the client address, the method and the path (never the query string, which may carry
search words). An out-of-scope object answers 404 on purpose (it must not reveal that it exists) and is
therefore not "denied" here.

A failure to write the entry is logged and the answer still goes out: the audit must not turn a refusal or a
download into a 500."""

from __future__ import annotations

import logging

from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse

from taizhang.audit.models import AuditEvent
from taizhang.audit.services import audit_record
from taizhang.lib.client_ip import client_ip

DENIED = "access.denied"
DOWNLOAD = "data.download"

log = logging.getLogger(__name__)


def _what(request: HttpRequest, response: HttpResponse) -> tuple[str, str] | None:
    if response.status_code == 403:
        return DENIED, AuditEvent.Result.FAILURE
    if response.status_code == 200 and response.get("Content-Disposition", "").startswith("attachment"):
        return DOWNLOAD, AuditEvent.Result.SUCCESS
    return None


class AccessAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (what := _what(request, response)) is not None:
            self._record(request, response, *what)
        return response

    @staticmethod
    def _record(request: HttpRequest, response: HttpResponse, action: str, result: str) -> None:
        user = getattr(request, "user", None)
        actor = user if user is not None and user.is_authenticated else None
        after = {"method": request.method, "path": request.path[:500], "status": response.status_code}
        if action == DOWNLOAD:
            after["type"] = response.get("Content-Type", "")[:100]
        try:
            with transaction.atomic():
                audit_record(
                    actor=actor,
                    action=action,
                    obj=None,
                    after=after,
                    source="api" if request.path.startswith("/api/") else "web",
                    ip=client_ip(request),
                    result=result,
                )
        except DatabaseError:
            log.exception("could not record %s for %s %s", action, request.method, request.path)
