"""backup → restore → verify on PostgreSQL: ``pg_dump`` of an exported snapshot (password in the
environment only), restored into an empty database with its rows, files and audit chain; verify restores
into a scratch database and drops it."""

import hashlib
import io
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tests.backup.installation import PDFS, backup, manifest, other_installation, populate
from tests.worlds import media_root  # noqa: F401

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("media_root", "keyring_file"),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs DATABASE_URL=postgres://… (make test's PostgreSQL pass)",
    ),
]


def _made(tmp_path, *args):
    populate()
    dest = tmp_path / "backups"
    dest.mkdir()
    code, _, err, folder = backup(dest, *args)
    assert code == 0, err
    return folder


@pytest.fixture
def made(tmp_path):
    return _made(tmp_path)


def _databases() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database")
        return {name for (name,) in cursor.fetchall()}


def test_backup_verifies_in_a_scratch_database_and_drops_it(tmp_path):
    made = _made(tmp_path, "--verify")
    data = manifest(made)
    assert data["database"] | {"sha256": "", "size": 0} == {
        "vendor": "postgresql",
        "file": "db.pgdump",
        "sha256": "",
        "size": 0,
    }
    assert data["counts"]["reports_reportfile"] == 2
    assert sorted(m["sha256"] for m in data["files"].values()) == sorted(
        hashlib.sha256(p).hexdigest() for p in PDFS
    )
    assert not any("_verify_" in name for name in _databases())


def test_verify_passes_when_the_database_url_comes_from_a_file(tmp_path, monkeypatch):
    # As the compose file gives it (DATABASE_URL_FILE): the scratch database is the one verify names.
    url = tmp_path / "database_url"
    url.write_text(os.environ["DATABASE_URL"])
    monkeypatch.delenv("DATABASE_URL")
    monkeypatch.setenv("DATABASE_URL_FILE", str(url))
    made = _made(tmp_path, "--verify")
    assert manifest(made)["counts"]["reports_reportfile"] == 2
    assert not any("_verify_" in name for name in _databases())


def test_restore_into_an_empty_database_gives_everything_back(made, empty_database, tmp_path):
    target = tmp_path / "new-install"
    done = other_installation(target, "restore", str(made), database_url=empty_database)
    assert done.returncode == 0, done.stderr
    assert "审计链完好" in done.stdout and "1 个签名锚点" in done.stdout
    assert sorted(p.read_bytes() for p in (target / "files").rglob("*") if p.is_file()) == sorted(PDFS)
    again = other_installation(target, "restore", str(made), database_url=empty_database)
    assert again.returncode == 2 and "不是空的" in again.stderr


def test_verify_catches_a_changed_dump(made):
    dump = made / "db.pgdump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 1
    dump.write_bytes(bytes(data))
    with pytest.raises(CommandError, match=r"摘要不符：db\.pgdump"):
        call_command("backup", "verify", str(made), stdout=io.StringIO())
