"""Evidence downloads: the stored bytes, only to those who may read the report, never rendered inline."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.reports.evidence import evidence_response
from taizhang.reports.selectors import evidence_get


@role_required(*ANY_ROLE)
@require_GET
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    """The file as every evidence file is served (``reports.evidence.evidence_response``: its stored type,
    an attachment, ``nosniff``, never cached). 404 to anyone who may not read its report, and when the
    stored bytes are missing."""
    return evidence_response(evidence_get(user=request.user, pk=evidence_id))
