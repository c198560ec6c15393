"""Stored files: content digests, content-addressed storage, and serving a file as a download."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import IO
from urllib.parse import quote

from django.core.files.storage import Storage, default_storage
from django.http import FileResponse
from django.utils.cache import add_never_cache_headers

_CHUNK = 1 << 16


def sha256_of(fileobj: IO[bytes]) -> tuple[str, int]:
    """SHA-256 hex digest and size in bytes of a file object, read from the start; leaves it rewound."""
    fileobj.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := fileobj.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    fileobj.seek(0)
    return digest.hexdigest(), size


@dataclass(frozen=True, slots=True)
class StoredBlob:
    name: str  # the storage name, e.g. evidence/3f/3f9a…
    sha256: str
    size: int


def store_by_digest(fileobj: IO[bytes], *, folder: str, storage: Storage | None = None) -> StoredBlob:
    """Store a file under its SHA-256, so the same content uploaded twice is kept once on disk.

    The name carries no extension and no user-chosen text: nothing in it can be executed or traversed.
    """
    storage = storage or default_storage
    sha256, size = sha256_of(fileobj)
    name = f"{folder}/{sha256[:2]}/{sha256}"
    if not storage.exists(name):
        name = storage.save(name, fileobj)
    return StoredBlob(name=name, sha256=sha256, size=size)


def content_disposition(name: str, *, ascii_name: str) -> str:
    """``attachment`` with ``name`` as RFC 5987 ``filename*=UTF-8''…`` (any language), after a plain
    ``filename`` (``ascii_name``, which the caller keeps ASCII and free of quotes) for clients that read
    only that."""
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"


def attachment_response(fileobj: IO[bytes], *, name: str, ascii_name: str, content_type: str) -> FileResponse:
    """An uploaded file served back, streamed: always as an attachment with its stored type, ``nosniff``
    and a sandbox so no browser renders it as a page, and never cached (shared office computers)."""
    response = FileResponse(fileobj, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name, ascii_name=ascii_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    add_never_cache_headers(response)
    return response
