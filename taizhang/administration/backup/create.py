"""``backup_create``: the database copied first, then every file that copy names, each checked against the
digest in its name, then the manifest; all in ``<name>.partial`` renamed into place at the end, owner-only.

Files are written (and fsynced) before the row naming them is committed, and orphans are removed only a day
later, so every file the copy names is in the store when it is copied.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from taizhang.administration.backup.database import copy_database
from taizhang.administration.backup.manifest import (
    DB_FILES,
    FILES,
    FORMAT,
    MANIFEST,
    NOT_INCLUDED,
    SIGNATURE,
    file_digest,
    manifest_signed,
    safe_name,
    write_json_durably,
)
from taizhang.administration.codes import BackupCode
from taizhang.audit.services import audit_record
from taizhang.files.storage import digest_in_name, fsync_dir
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal

_CHUNK = 1 << 20


@dataclass
class Created:
    path: Path
    rows: int
    files: int
    signed_with: str | None  # the key id, None when no keyring is configured (development)
    problems: list[str] = field(default_factory=list)  # files missing or damaged in the live store


def backup_create(dest: Path) -> Created:
    if not dest.is_dir() or not os.access(dest, os.W_OK | os.X_OK):
        raise Refusal(BackupCode.BAD_DEST, f"{dest} 不是可写的目录", f"{dest} is not a writable folder")
    created = timezone.now().astimezone(UTC)
    final = dest / f"taizhang-backup-{created:%Y%m%dT%H%M%SZ}"
    partial = final.with_name(final.name + ".partial")
    if final.exists() or partial.exists():
        raise Refusal(BackupCode.BAD_DEST, f"{final} 已存在", f"{final} exists already")
    old_umask = os.umask(0o077)  # owner-only: what pg_dump writes too
    try:
        partial.mkdir(mode=0o700)
        try:
            result = _fill(partial, final, created)
            partial.rename(final)
            fsync_dir(dest)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
    finally:
        os.umask(old_umask)
    with transaction.atomic():
        audit_record(
            actor=None,
            action="backup.create",
            obj=None,
            after={
                "path": str(final),
                "rows": result.rows,
                "files": result.files,
                "signed_with": result.signed_with,
                "problems": result.problems,
            },
        )
    return result


def _fill(partial: Path, final: Path, created) -> Created:
    vendor = connection.vendor
    db_file = partial / DB_FILES.get(vendor, "db")
    copy = copy_database(db_file)
    db_sha256, db_size = file_digest(db_file)
    files, problems = {}, []
    for name in sorted(copy.file_names):
        meta = _copy_file(name, partial / FILES / safe_name(name))
        if isinstance(meta, str):
            problems.append(meta)
        else:
            files[name] = meta
    for folder in sorted({p.parent for p in (partial / FILES).rglob("*") if p.is_file()}, reverse=True):
        fsync_dir(folder)
    data = manifest_signed(
        {
            "format": FORMAT,
            "taizhang": importlib.metadata.version("taizhang"),
            "created": created.isoformat(),
            "database": {"vendor": vendor, "file": db_file.name, "sha256": db_sha256, "size": db_size},
            "migrations": copy.migrations,
            "counts": copy.counts,
            "files": files,
            "problems": problems,
            "not_included": NOT_INCLUDED,
        }
    )
    write_json_durably(partial / MANIFEST, data)
    return Created(final, sum(copy.counts.values()), len(files), data[SIGNATURE].get("key"), problems)


def _copy_file(name: str, out: Path) -> dict | str:
    """Copy one stored file through the storage API, hashing it; its manifest entry, or the problem."""
    out.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    try:
        with default_storage.open(name, "rb") as source, open(out, "wb") as target:
            while chunk := source.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
                target.write(chunk)
            target.flush()
            os.fsync(target.fileno())
    except FileNotFoundError:
        out.unlink(missing_ok=True)
        return said(f"缺失：{name}", f"missing in the file store: {name}")
    found, expected = digest.hexdigest(), digest_in_name(name)
    if expected is not None and found != expected:
        out.unlink()
        return said(f"损坏 {found}：{name}", f"damaged in the file store (sha256 {found}): {name}")
    return {"sha256": found, "size": size}
