"""``taizhang backup prune DEST``: 7 daily, 4 weekly and 12 monthly kept by default, the newest always; only
whole backups taizhang made are deleted (their manifest read), a ``.partial`` only once a day old;
``--dry-run`` deletes nothing; a real prune is one audit entry. Dated folders are fabricated, the clock
frozen."""

from __future__ import annotations

import io
import json
import os
from calendar import monthrange
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.administration.backup.prune import retained
from taizhang.audit.models import AuditEvent

pytestmark = pytest.mark.usefixtures("english_operator")  # the assertions read the English output

NOW = datetime(2026, 12, 7, 4, 0, tzinfo=UTC)  # a Monday, 12:00 in Shanghai
NIGHTLY = [NOW - timedelta(days=n, hours=9, minutes=30) for n in range(400)]  # 02:30 Shanghai each night


def _name(t: datetime) -> str:
    return f"taizhang-backup-{t:%Y%m%dT%H%M%SZ}"


def _fabricate(dest, t: datetime, *, suffix: str = "", manifest: bool = True) -> str:
    folder = dest / (_name(t) + suffix)
    folder.mkdir()
    if manifest:
        data = {"format": 1, "database": {"vendor": "sqlite", "file": "db.sqlite3"}}
        data |= {"counts": {}, "files": {}, "migrations": []}
        (folder / "manifest.json").write_text(json.dumps(data))
    stamp = t.timestamp()
    os.utime(folder, (stamp, stamp))
    return folder.name


def test_the_default_policy_keeps_a_week_of_nights_the_weeks_last_and_the_months_last():
    kept = {(t + timedelta(hours=8)).date() for t in retained(NIGHTLY, daily=7, weekly=4, monthly=12)}
    week = {date(2026, 12, d) for d in range(1, 8)}  # Monday 7 December back to Tuesday the 1st
    sundays = {date(2026, 11, 29), date(2026, 11, 22)}  # with this week's Monday and last week's Sunday
    month_ends = {date(2026, m, monthrange(2026, m)[1]) for m in range(1, 12)}  # with December's newest
    assert kept == week | sundays | month_ends


@pytest.fixture
def dest(tmp_path, time_machine):
    time_machine.move_to(NOW, tick=False)
    folder = tmp_path / "backups"
    folder.mkdir()
    return folder


def _prune(dest, *args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("backup", "prune", str(dest), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_prune_deletes_only_whole_old_backups_taizhang_made_and_says_so_in_the_audit_log(dest):
    made = [_fabricate(dest, t) for t in NIGHTLY[:10]]
    no_manifest = _fabricate(dest, NIGHTLY[20], manifest=False)
    in_progress = _fabricate(dest, NOW - timedelta(hours=3), suffix=".partial")
    crashed = _fabricate(dest, NOW - timedelta(days=3), suffix=".partial")
    (dest / "notes").mkdir()
    out, err = _prune(dest, "--keep-daily", "3", "--keep-weekly", "0", "--keep-monthly", "0")
    left = sorted(p.name for p in dest.iterdir())
    assert left == sorted([*made[:3], no_manifest, in_progress, "notes"])
    assert "deleted 8" in out and f"left alone (no readable manifest): {no_manifest}" in err
    entry = AuditEvent.objects.get(action="backup.prune")
    assert sorted(entry.after["deleted"]) == sorted([*made[3:], crashed])


@pytest.mark.django_db
def test_a_dry_run_lists_what_it_would_delete_and_deletes_nothing(dest):
    made = [_fabricate(dest, t) for t in NIGHTLY[:10]]
    out, _ = _prune(dest, "--dry-run")
    assert sorted(p.name for p in dest.iterdir()) == sorted(made)
    # 28 November: neither its week's last night (the 29th) nor its month's (the 30th)
    assert f"would delete: {made[9]}" in out and "would delete 1" in out
    assert not AuditEvent.objects.filter(action="backup.prune").exists()


@pytest.mark.django_db
def test_the_newest_backup_is_kept_whatever_the_numbers(dest):
    made = [_fabricate(dest, t) for t in NIGHTLY[:3]]
    _prune(dest, "--keep-daily", "0", "--keep-weekly", "0", "--keep-monthly", "0")
    assert [p.name for p in dest.iterdir()] == [made[0]]


def test_a_missing_destination_or_a_negative_number_is_refused(tmp_path):
    with pytest.raises(CommandError, match="is not a folder") as refused:
        call_command("backup", "prune", str(tmp_path / "nowhere"))
    assert refused.value.returncode == 2
    with pytest.raises(CommandError, match="0 or more"):
        call_command("backup", "prune", str(tmp_path), "--keep-daily", "-1")
    with pytest.raises(CommandError, match="usage"):
        call_command("backup", str(tmp_path), "--keep-daily", "3")
