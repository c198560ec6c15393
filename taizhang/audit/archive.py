"""Archiving (归档) old audit entries: ``taizhang audit archive --before DATE --to FILE``.

Retention first: a date inside ``TAIZHANG_AUDIT_RETENTION_DAYS`` (≥ 180) is refused. The entries before the
date — a prefix of the chain, so the kept chain still starts cleanly — are written to a gzip JSONL file with
their chain hashes: a header (where the archived part starts: the id and hash it follows), one line per entry,
a trailer signed with HMAC-SM3 (the last id and hash), so the file verifies on its own
(``taizhang audit verify --archive FILE``). Only when the file is on disk are the rows removed, through the
triggers' gate (``audit.gate``), in one transaction with a signed archive anchor (where the kept chain now
starts) and an ``audit.archive`` entry. Nothing is removed that is not in a file first.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from taizhang.audit.chain import FIELDS, GENESIS, anchor_message, canonical_json, link
from taizhang.audit.gate import archive_gate
from taizhang.audit.models import AuditAnchor, AuditEvent, AuditObject
from taizhang.audit.services import audit_record
from taizhang.lib.gm import hmac_sm3, hmac_sm3_verify
from taizhang.lib.i18n import said
from taizhang.lib.keys import keyring

FORMAT = "taizhang-audit-archive/1"


class ArchiveRefused(Exception):
    """An archive that must not be made (inside retention, a broken chain) or a file that does not verify."""


@dataclass
class ArchiveResult:
    count: int
    first_id: int | None = None
    last_id: int | None = None


def earliest_allowed(today: date) -> date:
    return today - timedelta(days=settings.TAIZHANG_AUDIT_RETENTION_DAYS)


def _start() -> tuple[int, str]:
    last = AuditAnchor.objects.filter(kind=AuditAnchor.Kind.ARCHIVE).order_by("-event_id").first()
    return (last.event_id, last.event_hash) if last else (0, GENESIS)


def _line(entry_id: int, stored: str, values: dict) -> bytes:
    row = {"id": entry_id, "hash": stored, **values}
    row["at"] = values["at"].astimezone(UTC).isoformat()
    row["before"], row["after"] = canonical_json(values["before"]), canonical_json(values["after"])
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def audit_archive(*, before: date, path: Path, today: date | None = None) -> ArchiveResult:
    """Write the entries before ``before`` to ``path`` (must not exist), then remove them. Refuses a date
    inside the retention period. The caller verifies the chain first (the command does)."""
    today = today or timezone.localdate()
    if before > earliest_allowed(today):
        raise ArchiveRefused(
            said(
                f"{before} 在留存期内（{settings.TAIZHANG_AUDIT_RETENTION_DAYS}"
                f" 天），最晚可归档到 {earliest_allowed(today)}",
                f"{before} is inside the retention period; the latest allowed is {earliest_allowed(today)}",
            )
        )
    key = keyring().current
    cutoff = timezone.make_aware(datetime.combine(before, time.min))
    start_id, start_hash = _start()
    kept = (
        AuditEvent.objects.filter(id__gt=start_id, at__gte=cutoff).order_by("id").values_list("id", flat=True)
    )
    first_kept = kept.first()
    rows = AuditEvent.objects.filter(id__gt=start_id).order_by("id")
    if first_kept is not None:
        rows = rows.filter(id__lt=first_kept)
    result = ArchiveResult(count=0)
    last_hash = start_hash
    with gzip.open(path, "xb") as out:  # "x": never overwrite an archive
        header = {"format": FORMAT, "after_id": start_id, "prev_hash": start_hash}
        out.write(json.dumps(header).encode("ascii") + b"\n")
        for entry_id, stored, *values in rows.values_list("id", "hash", *FIELDS).iterator(chunk_size=2000):
            out.write(_line(entry_id, stored, dict(zip(FIELDS, values, strict=True))))
            result.first_id = result.first_id or entry_id
            result.last_id, last_hash = entry_id, stored
            result.count += 1
        last_id = result.last_id if result.last_id is not None else start_id
        mac = hmac_sm3(key.mac_key, anchor_message(last_id, last_hash, AuditAnchor.Kind.ARCHIVE))
        trailer = {"end": True, "count": result.count, "last_id": last_id, "last_hash": last_hash}
        out.write(json.dumps({**trailer, "key_id": key.kid, "mac": mac}).encode("ascii") + b"\n")
    with open(path, "rb") as written:
        os.fsync(written.fileno())
    if not result.count:
        return result
    with transaction.atomic():
        AuditAnchor.objects.create(
            kind=AuditAnchor.Kind.ARCHIVE, event_id=last_id, event_hash=last_hash, key_id=key.kid, mac=mac
        )
        with archive_gate(), connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {AuditEvent._meta.db_table} WHERE id > %s AND id <= %s", [start_id, last_id]
            )
            if cursor.rowcount != result.count:  # a writer slipped in: keep everything
                raise ArchiveRefused(
                    said("归档期间日志有变化，未删除", "the log changed while archiving; nothing removed")
                )
        # The index of what those entries covered goes with them (the file keeps their text).
        AuditObject.objects.filter(event_id__gt=start_id, event_id__lte=last_id).delete()
        audit_record(
            actor=None,
            action="audit.archive",
            obj=None,
            after={
                "before": before.isoformat(),
                "file": str(path),
                "count": result.count,
                "first_id": result.first_id,
                "last_id": last_id,
            },
        )
    return result


def archive_verify(path: Path) -> ArchiveResult:
    """Check an archive file on its own: every line's hash, and the trailer's HMAC-SM3 under the keyring."""
    with gzip.open(path, "rb") as lines:
        header = json.loads(next(lines))
        if header.get("format") != FORMAT:
            raise ArchiveRefused(said(f"{path}: 不是审计归档文件", f"{path}: not an audit archive"))
        prev, result, trailer = header["prev_hash"], ArchiveResult(count=0), None
        for raw in lines:
            row = json.loads(raw)
            if row.get("end"):
                trailer = row
                break
            values = {name: row[name] for name in FIELDS}
            values["at"] = datetime.fromisoformat(values["at"])
            if link(prev, values) != row["hash"]:
                raise ArchiveRefused(
                    said(f"第 {row['id']} 条哈希不符", f"entry #{row['id']} does not follow the one before")
                )
            prev = row["hash"]
            result.first_id = result.first_id or row["id"]
            result.last_id = row["id"]
            result.count += 1
    if trailer is None or trailer["count"] != result.count or trailer["last_hash"] != prev:
        raise ArchiveRefused(said(f"{path}: 文件不完整或末尾被截断", f"{path}: incomplete or cut short"))
    key = keyring().keys.get(trailer["key_id"])
    message = anchor_message(trailer["last_id"], trailer["last_hash"], AuditAnchor.Kind.ARCHIVE)
    if key is None or not hmac_sm3_verify(key.mac_key, message, trailer["mac"]):
        raise ArchiveRefused(said(f"{path}: 签名不符", f"{path}: the trailer fails its HMAC-SM3"))
    return result
