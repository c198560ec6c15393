"""Files of the units' replies: only to those who may read the reply, always as an attachment."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.reports.evidence import evidence_response
from taizhang.supervision.selectors import order_evidence_get


@role_required(*ANY_ROLE)
@require_GET
def order_evidence_download(request: HttpRequest, order_evidence_id: int) -> FileResponse:
    """As report evidence is served (``reports.evidence.evidence_response``); 404 to anyone who may not
    read the reply (another unit's reply included)."""
    return evidence_response(order_evidence_get(user=request.user, pk=order_evidence_id))
