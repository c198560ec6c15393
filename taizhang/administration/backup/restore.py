"""``backup_restore``: a backup into an empty installation. Everything is checked before anything is
written (the manifest, every digest, the migrations this version knows, the target empty); then the
database, then the files (each written safely and read back), then the counts and the audit chain of what
was restored."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader

from taizhang.administration.backup.database import BOOKKEEPING, live_counts, restore_database
from taizhang.administration.backup.manifest import (
    UNSIGNED_EN,
    UNSIGNED_ZH,
    Manifest,
    bad_backup,
    manifest_authenticate,
    manifest_problems,
    manifest_read,
)
from taizhang.administration.codes import BackupCode
from taizhang.audit.services import audit_record
from taizhang.audit.verify import chain_verify
from taizhang.files.storage import save_verified, stored_digest
from taizhang.lib import keys
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal


@dataclass
class Restored:
    rows: int
    files: int
    chain: str  # the audit chain's summary
    signed: bool
    problems: list[str] = field(default_factory=list)  # after the restore: counts, chain, files

    @property
    def ok(self) -> bool:
        return not self.problems


def backup_check(folder: Path) -> Manifest:
    """The backup's manifest once its signature holds and every part matches its digest (refused
    otherwise; an unsigned manifest passes, ``Manifest.signed`` says so)."""
    manifest = manifest_read(folder)
    manifest_authenticate(manifest)
    if problems := manifest_problems(manifest):
        raise bad_backup("；".join(problems), "; ".join(problems))
    return manifest


def target_rows() -> dict[str, int]:
    """Tables of the target holding data (a bare ``migrate`` leaves only bookkeeping)."""
    return {t: n for t, n in live_counts().items() if n and t not in BOOKKEEPING}


def backup_restore(folder: Path, *, allow_unsigned: bool = False) -> Restored:
    """``allow_unsigned``: restore an unsigned backup into an installation that has a keyring (refused
    otherwise: stripping the signature must not be a way round it)."""
    manifest = backup_check(folder)
    if not manifest.signed and keys.configured() and not allow_unsigned:
        raise Refusal(
            BackupCode.UNSIGNED,
            f"{UNSIGNED_ZH}；本安装配置了密钥，确认来源可信后加 --allow-unsigned",
            f"{UNSIGNED_EN}; this installation has a keyring: if you trust where the backup "
            "comes from, add --allow-unsigned",
        )
    if manifest.vendor != connection.vendor:
        raise Refusal(
            BackupCode.WRONG_DATABASE,
            f"这是 {manifest.vendor} 的备份，本安装使用 {connection.vendor}",
            f"this is a {manifest.vendor} backup; this installation uses {connection.vendor}",
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    if unknown := [f"{app}.{name}" for app, name in manifest.data["migrations"] if (app, name) not in known]:
        raise Refusal(
            BackupCode.NEWER,
            f"备份来自更新的版本（未知迁移 {', '.join(unknown[:3])}），请先升级 taizhang",
            f"the backup comes from a newer version (unknown migrations {', '.join(unknown[:3])}): "
            "upgrade taizhang first",
        )
    if busy := target_rows():
        tables = ", ".join(sorted(busy)[:5])
        raise Refusal(
            BackupCode.NOT_EMPTY,
            f"目标安装不是空的（{tables} 有数据），恢复只写入空的安装",
            f"the target installation is not empty ({tables} hold rows): restore writes only into an "
            "empty installation",
        )
    restore_database(manifest.db_path)
    for name, meta in manifest.files.items():
        if stored_digest(default_storage, name) != meta["sha256"]:
            with open(manifest.file_path(name), "rb") as f:
                save_verified(default_storage, name, f, sha256=meta["sha256"])
    return _after(manifest)


def _after(manifest: Manifest) -> Restored:
    problems = []
    counts = live_counts()
    for table, expected in sorted(manifest.counts.items()):
        if counts.get(table) != expected:
            problems.append(
                said(
                    f"行数不符：{table} {counts.get(table)} ≠ {expected}",
                    f"rows differ: {table} {counts.get(table)} ≠ {expected}",
                )
            )
    chain = chain_verify()
    if not chain.ok:
        problems.append(chain.summary())
        if chain.anchor_id is not None:
            problems.append(
                said(
                    "签名锚点需要原安装的密钥：请先恢复密钥文件（TAIZHANG_KEY_FILE）",
                    "the signed anchors need the keyring of the backed-up"
                    " installation: restore its TAIZHANG_KEY_FILE first",
                )
            )
    for name, meta in manifest.files.items():
        if stored_digest(default_storage, name) != meta["sha256"]:
            problems.append(said(f"文件不符：{name}", f"file differs after restore: {name}"))
    restored = Restored(sum(counts.values()), len(manifest.files), chain.summary(), manifest.signed, problems)
    if restored.ok:
        with transaction.atomic():
            audit_record(
                actor=None,
                action="backup.restore",
                obj=None,
                after={
                    "backup": manifest.folder.name,
                    "created": manifest.data["created"],
                    "rows": restored.rows,
                },
            )
    return restored
