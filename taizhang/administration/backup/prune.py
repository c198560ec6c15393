"""``backup_prune``: the retention of a backup destination (``taizhang backup prune DEST``).

Kept, as ``borg prune`` keeps them: the newest backup of each of the last ``daily`` days that have one, of
each of the last ``weekly`` weeks (ISO, Monday to Sunday), of each of the last ``monthly`` months — days in
the office's time zone (``TIME_ZONE``) — and always the newest of all. A period without a backup does not
count, so backups that stopped for a while are not thinned to nothing.

Only what ``taizhang backup`` made is touched: a folder named ``taizhang-backup-<UTC time>Z`` holding a
manifest ``manifest_read`` accepts. A ``.partial`` one (a backup being written, or cut by a crash) and a
``.pruning`` one (a deletion cut short) are removed once a day old. Anything else is left alone. A folder
is renamed to ``….pruning`` before it is removed, so one that still bears a backup's name is whole.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from taizhang.administration.backup.manifest import manifest_read
from taizhang.administration.codes import BackupCode
from taizhang.audit.services import audit_record
from taizhang.files.storage import fsync_dir
from taizhang.lib.refusal import Refusal

NAME = re.compile(r"^taizhang-backup-(\d{8}T\d{6}Z)(\.partial|\.pruning)?$")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
STALE = timedelta(days=1)  # a .partial younger than this may be a backup in progress

_PERIODS: tuple[Callable[[datetime], object], ...] = (
    lambda t: t.date(),
    lambda t: t.isocalendar()[:2],
    lambda t: (t.year, t.month),
)


@dataclass
class Pruned:
    kept: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)  # or, with dry_run, what would be
    ignored: list[str] = field(default_factory=list)  # named like a backup, no manifest read: left alone


def retained(times: list[datetime], *, daily: int, weekly: int, monthly: int) -> set[datetime]:
    """Which of ``times`` (aware) the policy keeps: the newest of each of the last N periods of each kind
    that hold one, and the newest of all."""
    newest_first = sorted(times, reverse=True)
    keep = set(newest_first[:1])
    for count, period in zip((daily, weekly, monthly), _PERIODS, strict=True):
        seen: set = set()
        for t in newest_first:
            if len(seen) >= count:
                break
            if (p := period(timezone.localtime(t))) not in seen:
                seen.add(p)
                keep.add(t)
    return keep


def _when(match: re.Match) -> datetime:
    return datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)


def backup_prune(
    dest: Path,
    *,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
    dry_run: bool = False,
) -> Pruned:
    if not dest.is_dir():
        raise Refusal(BackupCode.BAD_DEST, f"{dest} 不是目录", f"{dest} is not a folder")
    now = timezone.now()
    result, complete, stale = Pruned(), {}, []
    for path in sorted(dest.iterdir()):
        if not (match := NAME.match(path.name)) or not path.is_dir():
            continue
        if match.group(2):  # .partial / .pruning: by its name's time and its own, whichever is later
            changed = datetime.fromtimestamp(path.stat().st_mtime, UTC)
            if now - max(_when(match), changed) > STALE:
                stale.append(path.name)
            continue
        try:
            manifest_read(path)
        except Refusal:
            result.ignored.append(path.name)
            continue
        complete[path.name] = _when(match)
    keep = retained(list(complete.values()), daily=daily, weekly=weekly, monthly=monthly)
    result.kept = [name for name, t in complete.items() if t in keep]
    result.deleted = [name for name, t in complete.items() if t not in keep] + stale
    if not dry_run and result.deleted:
        _delete(dest, result)
    return result


def _delete(dest: Path, result: Pruned) -> None:
    deleted = []
    try:
        for name in result.deleted:
            doomed = dest / name
            if not name.endswith(".pruning"):
                doomed = doomed.rename(dest / f"{name.split('.')[0]}.pruning")
                fsync_dir(dest)
            shutil.rmtree(doomed)
            deleted.append(name)
    finally:
        if deleted:
            with transaction.atomic():
                audit_record(
                    actor=None,
                    action="backup.prune",
                    obj=None,
                    after={"dest": str(dest), "deleted": deleted, "kept": result.kept},
                )
        result.deleted = deleted
