"""backup → restore → verify on SQLite: a consistent copy with a manifest of digests, owner-only and
renamed into place; a restore into an empty installation gives back every row and file with the audit
chain intact; a changed file or database copy is caught; a non-empty target is refused."""

import hashlib
import io
import os
import sqlite3

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from taizhang.accounts.models import User
from tests.backup.installation import PDFS, backup, manifest, other_installation, populate
from tests.worlds import media_root  # noqa: F401

pytestmark = [
    pytest.mark.usefixtures("english_operator"),  # the assertions read the English output
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("media_root", "keyring_file"),
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="tests/backup/test_backup_postgres.py",
    ),
]


@pytest.fixture
def made(tmp_path):
    populate()
    dest = tmp_path / "backups"
    dest.mkdir()
    code, _, err, folder = backup(dest)
    assert code == 0, err
    return folder


def test_the_backup_holds_the_database_the_files_and_their_digests(made):
    data = manifest(made)
    assert data["database"]["vendor"] == "sqlite"
    assert data["counts"]["reports_reportfile"] == 2 and data["counts"]["audit_auditanchor"] == 1
    digests = sorted(hashlib.sha256(pdf).hexdigest() for pdf in PDFS)
    assert sorted(meta["sha256"] for meta in data["files"].values()) == digests
    for name, meta in data["files"].items():
        assert hashlib.sha256((made / "files" / name).read_bytes()).hexdigest() == meta["sha256"]
    with sqlite3.connect(made / "db.sqlite3") as db:
        assert db.execute("select count(*) from files_blob").fetchone()[0] == 2
    assert any("keyring" in line for line in data["not_included"])


def test_the_backup_is_owner_only_and_leaves_no_partial_folder(made):
    assert made.stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o077 == 0 for p in made.rglob("*"))
    assert [p.name for p in made.parent.iterdir()] == [made.name]


def test_restore_into_an_empty_installation_gives_everything_back(made, tmp_path):
    target = tmp_path / "new-install"
    done = other_installation(target, "restore", str(made))
    assert done.returncode == 0, done.stderr
    assert "audit chain intact" in done.stdout and "1 signed anchors" in done.stdout
    with sqlite3.connect(target / "taizhang.sqlite3") as db:
        assert db.execute("select count(*) from reports_reportfile").fetchone()[0] == 2
        names = [n for (n,) in db.execute("select file from files_blob")]
    assert sorted((target / "files" / n).read_bytes() for n in names) == sorted(PDFS)
    again = other_installation(target, "restore", str(made))  # now it holds data
    assert again.returncode == 2 and "not empty" in again.stderr


def test_verify_restores_into_a_scratch_place_and_passes(made):
    out = io.StringIO()
    call_command("backup", "verify", str(made), stdout=out)
    assert "backup verified" in out.getvalue() and "audit chain intact" in out.getvalue()


def test_verify_passes_when_the_installation_reads_its_secrets_from_files(made, tmp_path, monkeypatch):
    # As the compose file and a systemd unit with LoadCredential run it: TAIZHANG_SECRET_KEY_FILE.
    key = tmp_path / "secret_key"
    key.write_text("a-secret-key-from-a-file-" + "x" * 40)
    monkeypatch.delenv("TAIZHANG_SECRET_KEY", raising=False)
    monkeypatch.setenv("TAIZHANG_SECRET_KEY_FILE", str(key))
    out = io.StringIO()
    call_command("backup", "verify", str(made), stdout=out)
    assert "backup verified" in out.getvalue()


@pytest.mark.parametrize("part", ["file", "database"])
def test_verify_catches_a_changed_file_or_database_copy(made, part):
    path = (
        next(p for p in (made / "files").rglob("*") if p.is_file()) if part == "file" else made / "db.sqlite3"
    )
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="digest differs") as refused:
        call_command("backup", "verify", str(made))
    assert refused.value.returncode == 2


def test_restore_refuses_a_non_empty_installation_and_writes_nothing(made):
    users = User.objects.count()
    with pytest.raises(CommandError, match="not empty") as refused:
        call_command("restore", str(made))
    assert refused.value.returncode == 2 and "nothing written" in str(refused.value)
    assert User.objects.count() == users


def test_a_manifest_naming_a_path_outside_the_backup_is_refused(made):
    text = (made / "manifest.json").read_text()
    name = next(iter(manifest(made)["files"]))
    (made / "manifest.json").write_text(text.replace(name, "../../etc/passwd"))
    with pytest.raises(CommandError, match="unsafe file name"):
        call_command("backup", "verify", str(made))


def test_backup_into_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="not a writable folder") as refused:
        call_command("backup", str(tmp_path / "nowhere"))
    assert refused.value.returncode == 2
