"""Serving a stored file back: always as a download, never as a page."""

from __future__ import annotations

import hashlib
import logging
import tempfile
from pathlib import PurePath
from typing import IO

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from taizhang.audit.alarms import raise_alarm
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


def attachment_download(request: HttpRequest, attachment: Attachment) -> FileResponse | HttpResponse:
    """An owner's file as a download (``attachment_response``), under its original name and served type.
    The caller has checked access through its selector; 404 when the stored bytes are missing.

    完整性: the stored bytes are read once, into a spooled copy, and their SHA-256 compared with the blob's
    before anything is answered (hashing while streaming would find a change after the 200 went out). Bytes
    that differ are refused with 409 and a page that says so, and the alarm ``file.tampered`` is raised."""
    stored = attachment.blob.file
    try:
        source = stored.storage.open(stored.name, "rb")
    except FileNotFoundError:
        logger.error("%s %s: stored file %s is missing", attachment._meta.label, attachment.pk, stored.name)
        raise Http404 from None
    copy = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 (the response closes it)
    digest = hashlib.sha256()
    with source:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            copy.write(chunk)
    if digest.hexdigest() != attachment.blob.sha256:
        copy.close()
        return _tampered(request, attachment, found=digest.hexdigest())
    copy.seek(0)
    return attachment_response(
        copy,
        name=attachment.original_name,
        ascii_name=_ascii_name(attachment),
        content_type=attachment.content_type,
    )


SPOOL_IN_MEMORY = 4 * 1024 * 1024
CHUNK = 256 * 1024


def _tampered(request: HttpRequest, attachment: Attachment, *, found: str) -> HttpResponse:
    raise_alarm(
        action="file.tampered",
        obj=attachment,
        actor=request.user,
        detail={
            "blob_id": attachment.blob_id,
            "storage_name": attachment.blob.file.name,
            "expected_sha256": attachment.blob.sha256,
            "found_sha256": found,
        },
        place_as=attachment.uploaded_by,
    )
    response = render(request, "files/tampered.html", {"attachment": attachment}, status=409)
    add_never_cache_headers(response)
    return response


def _ascii_name(attachment: Attachment) -> str:
    """The original name when it is plain ASCII (quotes and backslashes made ``_``), else
    ``evidence-<id>.<ext>``."""
    name = attachment.original_name
    if name.isascii() and name.isprintable():
        return name.replace("\\", "_").replace('"', "_")
    suffix = PurePath(name).suffix
    return f"evidence-{attachment.pk}{suffix if suffix.isascii() else ''}"
