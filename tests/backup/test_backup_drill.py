"""The ``cp`` drill done the right way (issue 12): ``taizhang backup`` taken while a server process receives
concurrent uploads, each acknowledged with its redirect, on SQLite and on PostgreSQL. Restored into a fresh
installation, every upload acknowledged before the backup started is there, row and file, and the restored
installation passes ``taizhang files check`` and ``taizhang audit verify``. (A ``cp`` of the live SQLite file
lost 57 of 400 acknowledged writes in the issue.)

The server and the clients are the crash drill's (tests/backup/drill.py); the backup is signed, so the
restore checks the manifest's signature with the shared keyring too."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.backup.drill import (
    CLIENTS,
    ROWS,
    assert_checks_pass,
    free_port,
    postgres_url,
    scene,
    serve,
    server_env,
    sqlite_copy,
    sqlite_rows,
    taizhang,
    traffic,
)
from tests.backup.installation import manifest


def _drill(tmp_path: Path, database_url: str | None, restore_url: str | None, restored_rows) -> None:
    live, fresh, dest = tmp_path / "live", tmp_path / "fresh", tmp_path / "backups"
    for folder in (live, fresh, dest):
        folder.mkdir()
    seats = scene()
    env = server_env(live, database_url)
    if database_url is None:
        sqlite_copy(live)
    server = serve(env, port := free_port())
    acknowledged, refused, stop, threads = traffic(port, seats)
    try:
        deadline = time.monotonic() + 10
        while len(acknowledged) < 2 * CLIENTS and time.monotonic() < deadline:
            time.sleep(0.05)
        before = acknowledged.copy()  # acknowledged before the backup starts
        made = taizhang(env, "backup", str(dest))
        during = acknowledged.copy()
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=15)
        server.terminate()
        server.wait(timeout=10)
    assert made.returncode == 0, made.stdout + made.stderr
    assert not refused, refused
    assert len(during) > len(before), "no upload was acknowledged while the backup ran"
    [folder] = dest.iterdir()
    assert manifest(folder)["signature"]["algorithm"] == "HMAC-SM3"

    restored_env = server_env(fresh, restore_url)
    done = taizhang(restored_env, "restore", str(folder))
    assert done.returncode == 0, done.stdout + done.stderr
    present = restored_rows()
    assert before <= present, f"{len(before - present)} uploads acknowledged before the backup are missing"
    assert_checks_pass(restored_env)


@pytest.mark.django_db(transaction=True)
def test_sqlite_backup_under_load_restores_every_upload_acknowledged_before_it(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite drill runs in the SQLite pass")
    _drill(tmp_path, None, None, lambda: sqlite_rows(tmp_path / "fresh" / "taizhang.sqlite3"))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs DATABASE_URL=postgres://… (make test's PostgreSQL pass)",
)
def test_postgres_backup_under_load_restores_every_upload_acknowledged_before_it(tmp_path, empty_database):
    import psycopg

    def rows() -> set[str]:
        with psycopg.connect(empty_database) as db:
            return {sha for (sha,) in db.execute(ROWS)}

    _drill(tmp_path, postgres_url(), empty_database, rows)
