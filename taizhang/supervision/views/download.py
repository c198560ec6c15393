"""Files of the units' replies: only to those who may read the reply, always as an attachment."""

from __future__ import annotations

import logging

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from taizhang.lib.access import ANY_ROLE, role_required
from taizhang.reports.views.download import attachment_header
from taizhang.supervision.selectors import order_evidence_get

logger = logging.getLogger(__name__)


@role_required(*ANY_ROLE)
@require_GET
@never_cache
def order_evidence_download(request: HttpRequest, order_evidence_id: int) -> FileResponse:
    """As report evidence is served: the stored type, ``nosniff``, a sandbox; 404 to anyone who may not
    read the reply (another unit's reply included)."""
    evidence = order_evidence_get(user=request.user, pk=order_evidence_id)
    try:
        fileobj = default_storage.open(evidence.file.name, "rb")
    except FileNotFoundError:
        logger.error("evidence %s: stored file %s is missing", evidence.pk, evidence.file.name)
        raise Http404 from None
    response = FileResponse(fileobj, content_type=evidence.content_type)
    response["Content-Disposition"] = attachment_header(evidence)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
