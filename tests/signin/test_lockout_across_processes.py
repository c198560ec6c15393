"""The lockout holds across worker processes: one process fails five times against a SQLite file, another
process (a fresh interpreter, as a second worker or host would be) then refuses the right password."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import connection

# A SQLite file of its own, whatever DATABASE_URL says: the PostgreSQL pass would repeat it unchanged.
pytestmark = pytest.mark.own_sqlite

MIGRATE = """
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
print("migrated")
"""

SETUP = """
import django; django.setup()
from taizhang.accounts.services import user_create
from django.contrib.auth import authenticate
user_create(username="liaison1", display_name="王", unit=None, password="台账-test-口令-2021", actor=None)
print([authenticate(username="liaison1", password="wrong-口令-123") for _ in range(5)])
"""

TRY = """
import django; django.setup()
from django.contrib.auth import authenticate
print("signed in" if authenticate(username="liaison1", password="台账-test-口令-2021") else "refused")
"""


def _run(code: str, data_dir: Path) -> str:
    env = {**os.environ, "TAIZHANG_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "taizhang.settings"}
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


def _migrated_file(data_dir: Path) -> None:
    """The SQLite file both processes use, migrated: a copy of the migrated test database when it is SQLite
    (as tests/backup/drill.py's server gets; a migrate costs ~10 s of CPU), else migrated here."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(data_dir / "taizhang.sqlite3") as copy:
            connection.connection.backup(copy)
    else:
        _run(MIGRATE, data_dir)


@pytest.mark.django_db(transaction=True)  # no transaction open: the backup can read the database
def test_a_second_process_refuses_an_account_the_first_locked(tmp_path):
    _migrated_file(tmp_path)
    assert _run(SETUP, tmp_path) == "[None, None, None, None, None]"
    assert _run(TRY, tmp_path) == "refused"
