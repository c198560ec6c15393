"""Storing bytes under their digest, through Django's storage API (``default_storage`` today; local disk
or object storage is a matter of ``STORAGES["default"]``).

Written safely (issue 12): a stored name is its content's SHA-256, so a name is only ever trusted after its
bytes were hashed again. On local disk the bytes go to a temporary name in the same folder, are fsynced and
renamed into place (the folder fsynced too), so a crash leaves at most a stray temporary file, never a
truncated file under a digest name. On any other storage the read-back digest after saving is the guard.
A stored file that does not match its name is rewritten from the upload, never reused.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from typing import IO

from django.core.files.storage import FileSystemStorage, Storage, default_storage

from taizhang.files.codes import FileCode
from taizhang.files.models import Blob
from taizhang.lib.refusal import Refusal

_CHUNK = 1 << 16
TEMP_PREFIX = ".tmp-"  # a temporary file on local disk, left only by a crash (``files check`` cleans them)
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


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


def stored_digest(storage: Storage, name: str) -> str | None:
    """The SHA-256 of the bytes stored under ``name``, None when there are none."""
    try:
        with storage.open(name, "rb") as f:
            digest = hashlib.sha256()
            while chunk := f.read(_CHUNK):
                digest.update(chunk)
            return digest.hexdigest()
    except FileNotFoundError:
        return None


def digest_in_name(name: str) -> str | None:
    """The SHA-256 a digest-named file must hold (the last part of ``evidence/3f/3f9a…``), else None."""
    last = name.rsplit("/", 1)[-1]
    return last if _DIGEST.match(last) else None


@dataclass(frozen=True, slots=True)
class StoredBlob:
    name: str  # the storage name, e.g. evidence/3f/3f9a…
    sha256: str
    size: int


def store_by_digest(fileobj: IO[bytes], *, folder: str, storage: Storage | None = None) -> StoredBlob:
    """Store a file under its SHA-256, so the same content uploaded twice is kept once.

    The name carries no extension and no user-chosen text: nothing in it can be executed or traversed. A
    file already stored under the name is reused only when its bytes still hash to it; otherwise (a
    truncated write of an older version, a damaged disk) it is replaced by these bytes. Returns only once
    the stored bytes are read back with the right digest, so a caller's row never names a bad file."""
    storage = storage or default_storage
    sha256, size = sha256_of(fileobj)
    name = f"{folder}/{sha256[:2]}/{sha256}"
    if stored_digest(storage, name) != sha256:
        save_verified(storage, name, fileobj, sha256=sha256)
    elif isinstance(storage, FileSystemStorage):
        # Reused: made young again, so ``files check --clean`` does not take it for an old orphan while
        # the row that will name it is being committed.
        with contextlib.suppress(OSError):
            os.utime(storage.path(name))
    return StoredBlob(name=name, sha256=sha256, size=size)


def save_verified(storage: Storage, name: str, fileobj: IO[bytes], *, sha256: str) -> None:
    """Write ``fileobj`` under exactly ``name`` (replacing what is there) and check the stored digest.

    Refuses with ``store_failed`` when the bytes read back differ (the storage is failing): the caller's
    transaction then rolls back and nothing names the file."""
    fileobj.seek(0)
    if isinstance(storage, FileSystemStorage):
        _replace_on_disk(storage, name, fileobj)
    else:
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, fileobj)
        if saved != name:  # the storage chose another name: the digest name would stay empty
            storage.delete(saved)
            raise _store_failed()
    if stored_digest(storage, name) != sha256:
        raise _store_failed()


def _replace_on_disk(storage: FileSystemStorage, name: str, fileobj: IO[bytes]) -> None:
    """Temporary file in the same folder → fsync → rename over ``name`` → fsync the folder."""
    path = storage.path(name)
    folder = os.path.dirname(path)
    mode = storage.directory_permissions_mode
    if mode is None:
        os.makedirs(folder, exist_ok=True)
    else:
        old_umask = os.umask(0)
        try:
            os.makedirs(folder, mode=mode, exist_ok=True)
        finally:
            os.umask(old_umask)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)  # 0600
    try:
        with os.fdopen(fd, "wb") as out:
            while chunk := fileobj.read(_CHUNK):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if storage.file_permissions_mode is not None:
            os.chmod(tmp, storage.file_permissions_mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(folder)


def fsync_dir(folder: str | os.PathLike) -> None:
    """Make a rename in ``folder`` durable (POSIX: the directory entry is data of the folder)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _store_failed() -> Refusal:
    return Refusal(
        FileCode.STORE_FAILED,
        "文件未能完整保存，请重试；仍不成功请联系系统管理员。",
        "The file could not be stored intact; try again, and tell the system administrator if it fails "
        "again.",
    )


def blob_store(fileobj: IO[bytes], *, content_type: str) -> Blob:
    """The ``Blob`` of this content: stored under ``evidence/`` and recorded the first time it is seen,
    the existing row after that. Call it inside the caller's transaction: a rollback leaves at most an
    orphan file in storage (``taizhang files check --clean`` removes old ones), never a blob without its
    file; the bytes are checked against the digest before the row is written."""
    stored = store_by_digest(fileobj, folder="evidence", storage=Blob._meta.get_field("file").storage)
    blob, _ = Blob.objects.get_or_create(
        sha256=stored.sha256,
        defaults={"size": stored.size, "content_type": content_type, "file": stored.name},
    )
    return blob
