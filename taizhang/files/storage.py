"""Storing bytes under their digest, through Django's storage API (``default_storage`` today; local disk
or object storage is a matter of ``STORAGES["default"]``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import IO

from django.core.files.storage import Storage, default_storage

from taizhang.files.models import Blob

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
    """Store a file under its SHA-256, so the same content uploaded twice is kept once.

    The name carries no extension and no user-chosen text: nothing in it can be executed or traversed.
    """
    storage = storage or default_storage
    sha256, size = sha256_of(fileobj)
    name = f"{folder}/{sha256[:2]}/{sha256}"
    if not storage.exists(name):
        name = storage.save(name, fileobj)
    return StoredBlob(name=name, sha256=sha256, size=size)


def blob_store(fileobj: IO[bytes], *, content_type: str) -> Blob:
    """The ``Blob`` of this content: stored under ``evidence/`` and recorded the first time it is seen,
    the existing row after that. Call it inside the caller's transaction: a rollback leaves at most an
    orphan file in storage (a clean-up can remove files no blob names), never a blob without its file."""
    stored = store_by_digest(fileobj, folder="evidence", storage=Blob._meta.get_field("file").storage)
    blob, _ = Blob.objects.get_or_create(
        sha256=stored.sha256,
        defaults={"size": stored.size, "content_type": content_type, "file": stored.name},
    )
    return blob
