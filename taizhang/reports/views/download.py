"""Evidence downloads: the stored bytes, only to those who may read the report, never rendered inline."""

from __future__ import annotations

import logging
from pathlib import PurePath
from urllib.parse import quote

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from taizhang.lib.access import ANY_ROLE, role_required
from taizhang.reports.models import Evidence
from taizhang.reports.selectors import evidence_get, evidence_open

logger = logging.getLogger(__name__)


def attachment_header(evidence: Evidence) -> str:
    """``Content-Disposition: attachment`` with the original name as RFC 5987 ``filename*`` (UTF-8), and a
    plain ASCII ``filename`` for clients that read only that: the name itself when it is ASCII, else
    ``evidence-<id>.<ext>``."""
    name = evidence.original_name
    if name.isascii() and name.isprintable():
        fallback = name.replace("\\", "_").replace('"', "_")
    else:
        suffix = PurePath(name).suffix
        fallback = f"evidence-{evidence.pk}{suffix if suffix.isascii() else ''}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@role_required(*ANY_ROLE)
@require_GET
@never_cache  # shared office computers: keep evidence out of the browser's cache
def evidence_download(request: HttpRequest, evidence_id: int) -> FileResponse:
    """The file, with its stored type, always as an attachment, and ``nosniff`` so no browser guesses
    it is a page. 404 to anyone who may not read its report, and when the stored bytes are missing."""
    evidence = evidence_get(user=request.user, pk=evidence_id)
    try:
        fileobj = evidence_open(user=request.user, evidence=evidence)
    except FileNotFoundError:
        logger.error("evidence %s: stored file %s is missing", evidence.pk, evidence.file.name)
        raise Http404 from None
    response = FileResponse(fileobj, content_type=evidence.content_type)
    response["Content-Disposition"] = attachment_header(evidence)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
