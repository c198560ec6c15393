"""Evidence downloads: the stored bytes, only to those who may read the report, never rendered inline."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.files.responses import attachment_download
from taizhang.reports.selectors import evidence_get


@role_required(*ANY_ROLE)
@require_GET
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    """The file as every evidence file is served (``files.responses.attachment_download``: its stored type,
    an attachment, ``nosniff``, never cached). 404 to anyone who may not read its report, and when the
    stored bytes are missing."""
    return attachment_download(request, evidence_get(user=request.user, pk=evidence_id))
