"""Files of the units' replies: only to those who may read the reply, always as an attachment."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.files.responses import attachment_download
from taizhang.supervision.selectors import order_evidence_get


@role_required(*ANY_ROLE)
@require_GET
def order_evidence_download(request: HttpRequest, order_evidence_id: int) -> FileResponse:
    """As report evidence is served (``files.responses.attachment_download``); 404 to anyone who may not
    read the reply (another unit's reply included)."""
    return attachment_download(request, order_evidence_get(user=request.user, pk=order_evidence_id))
