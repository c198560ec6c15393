"""Owner-only at rest: a fresh data directory, as the server process creates it under an ordinary umask
(022), is 0700, and the SQLite database (with its -wal and -shm files), the secret key file and uploaded
files in it are 0600 — no other account on the host reads them."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import taizhang

ROOT = Path(taizhang.__file__).resolve().parent.parent

FIRST_START = """
import django
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE t (x TEXT)")
    cursor.execute("INSERT INTO t VALUES ('举报内容')")
default_storage.save("evidence/ab/cd/file.pdf", ContentFile(b"%PDF-1.4"))
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_fresh_data_dir_and_everything_in_it_is_owner_only(tmp_path):
    data = tmp_path / "var" / "data"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
        "DJANGO_SETTINGS_MODULE": "taizhang.settings",
        "TAIZHANG_DATA_DIR": str(data),  # no TAIZHANG_SECRET_KEY: the key file is made in the data dir
    }
    result = subprocess.run(
        [sys.executable, "-c", FIRST_START],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert result.returncode == 0, result.stderr
    assert mode(data) == 0o700
    database = data / "taizhang.sqlite3"
    assert database.stat().st_size > 0
    for path in (database, data / "secret_key", data / "files" / "evidence" / "ab" / "cd" / "file.pdf"):
        assert mode(path) == 0o600, path
    for journal in data.glob("taizhang.sqlite3-*"):  # -wal, -shm while a connection is open
        assert mode(journal) == 0o600, journal
    for folder in (data / "files", data / "files" / "evidence" / "ab"):
        assert mode(folder) == 0o700, folder
