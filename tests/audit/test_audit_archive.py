"""``taizhang audit archive``: entries older than the retention period move to a compressed file that
verifies on its own; nothing inside the period, nothing not written first, and the kept chain still
verifies."""

import gzip
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from taizhang.audit.models import AuditAnchor, AuditEvent, AuditObject
from tests.audit.conftest import write_entries

pytestmark = pytest.mark.usefixtures("english_operator")  # the assertions read the English output

OLD = timezone.now() - timedelta(days=400)


def _old_entries(n):
    return [
        e.pk for e in AuditEvent.objects.bulk_create(AuditEvent(action="test.old", at=OLD) for _ in range(n))
    ]


def _cutoff():
    return (timezone.localdate() - timedelta(days=200)).isoformat()


def test_old_entries_move_to_a_file_that_verifies_on_its_own(db, keys, tmp_path, capsys):
    old = _old_entries(4)
    kept = write_entries(2)
    for event_id in (old[0], kept[0]):  # each as if it recorded a change to warning 5 among others
        AuditObject.objects.create(object_type="alerts.alert", object_id="5", event_id=event_id)
    archive = tmp_path / "audit-2025.jsonl.gz"
    call_command("audit", "archive", "--before", _cutoff(), "--to", str(archive))
    assert "archived 4 entries" in capsys.readouterr().out
    assert not AuditEvent.objects.filter(pk__in=old).exists()
    assert list(AuditObject.objects.values_list("event_id", flat=True)) == [kept[0]]  # its index went too
    assert AuditEvent.objects.filter(pk__in=kept).count() == 2
    record = AuditEvent.objects.get(action="audit.archive")
    assert (record.after["count"], record.after["last_id"]) == (4, old[-1])
    call_command("audit", "verify", "--archive", str(archive))
    assert "archive intact: 4 entries" in capsys.readouterr().out
    call_command("audit", "verify")  # the kept chain starts where the archive ends
    assert "intact" in capsys.readouterr().out
    assert AuditAnchor.objects.get(kind=AuditAnchor.Kind.ARCHIVE).event_id == old[-1]


def test_a_second_archive_continues_from_the_first(db, keys, tmp_path):
    _old_entries(2)
    call_command("audit", "archive", "--before", _cutoff(), "--to", str(tmp_path / "a.gz"))
    _old_entries(3)  # written late with an old date: still the oldest of what is kept
    call_command("audit", "archive", "--before", _cutoff(), "--to", str(tmp_path / "b.gz"))
    call_command("audit", "verify", "--archive", str(tmp_path / "b.gz"))
    call_command("audit", "verify")


def test_a_date_inside_the_retention_period_is_refused(db, keys, tmp_path):
    _old_entries(2)
    recent = (timezone.localdate() - timedelta(days=179)).isoformat()
    with pytest.raises(CommandError, match="inside the retention period"):
        call_command("audit", "archive", "--before", recent, "--to", str(tmp_path / "a.gz"))
    assert AuditEvent.objects.count() == 2
    assert not (tmp_path / "a.gz").exists()


def test_an_existing_file_is_never_overwritten(db, keys, tmp_path):
    _old_entries(2)
    (existing := tmp_path / "a.gz").write_bytes(b"earlier archive")
    with pytest.raises(CommandError, match="file exists"):
        call_command("audit", "archive", "--before", _cutoff(), "--to", str(existing))
    assert existing.read_bytes() == b"earlier archive" and AuditEvent.objects.count() == 2


def test_a_broken_chain_is_not_archived(db, keys, tmp_path, dba):
    ids = _old_entries(3)
    dba("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [ids[1]])
    with pytest.raises(CommandError, match="not archiving a broken chain"):
        call_command("audit", "archive", "--before", _cutoff(), "--to", str(tmp_path / "a.gz"))
    assert AuditEvent.objects.count() == 3


def test_an_edited_archive_file_fails_its_check(db, keys, tmp_path):
    _old_entries(3)
    call_command("audit", "archive", "--before", _cutoff(), "--to", str(archive := tmp_path / "a.gz"))
    lines = gzip.decompress(archive.read_bytes()).decode().splitlines()
    row = json.loads(lines[2])
    row["action"] = "test.harmless"
    lines[2] = json.dumps(row)
    (edited := tmp_path / "edited.gz").write_bytes(gzip.compress("\n".join(lines).encode() + b"\n"))
    with pytest.raises(CommandError, match=f"entry #{row['id']} does not follow"):
        call_command("audit", "verify", "--archive", str(edited))
    (cut := tmp_path / "cut.gz").write_bytes(gzip.compress("\n".join(lines[:2]).encode() + b"\n"))
    with pytest.raises(CommandError, match="incomplete or cut short"):
        call_command("audit", "verify", "--archive", str(cut))


def test_a_bad_date_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="not a date"):
        call_command("audit", "archive", "--before", "2024-13-40", "--to", str(tmp_path / "a.gz"))
