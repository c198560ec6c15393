"""Serving a stored file back: always as a download, never as a page."""

from __future__ import annotations

import logging
from pathlib import PurePath
from typing import IO

from django.http import FileResponse, Http404
from django.utils.cache import add_never_cache_headers

from taizhang.files.models import Attachment
from taizhang.lib.downloads import content_disposition

logger = logging.getLogger(__name__)


def attachment_response(fileobj: IO[bytes], *, name: str, ascii_name: str, content_type: str) -> FileResponse:
    """An uploaded file served back, streamed: always as an attachment with its stored type, ``nosniff``
    and a sandbox so no browser renders it as a page, and never cached (shared office computers)."""
    response = FileResponse(fileobj, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name, ascii_name=ascii_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    add_never_cache_headers(response)
    return response


def attachment_download(attachment: Attachment) -> FileResponse:
    """An owner's file as a download (``attachment_response``), under its original name and served type.
    The caller has checked access through its selector; 404 when the stored bytes are missing."""
    try:
        stored = attachment.blob.file
        fileobj = stored.storage.open(stored.name, "rb")
    except FileNotFoundError:
        logger.error("%s %s: stored file %s is missing", attachment._meta.label, attachment.pk, stored.name)
        raise Http404 from None
    return attachment_response(
        fileobj,
        name=attachment.original_name,
        ascii_name=_ascii_name(attachment),
        content_type=attachment.content_type,
    )


def _ascii_name(attachment: Attachment) -> str:
    """The original name when it is plain ASCII (quotes and backslashes made ``_``), else
    ``evidence-<id>.<ext>``."""
    name = attachment.original_name
    if name.isascii() and name.isprintable():
        return name.replace("\\", "_").replace('"', "_")
    suffix = PurePath(name).suffix
    return f"evidence-{attachment.pk}{suffix if suffix.isascii() else ''}"
