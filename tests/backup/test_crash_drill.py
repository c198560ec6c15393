"""The crash drill (issue 12): a server process killed with SIGKILL while clients upload evidence, on SQLite
and on PostgreSQL. After a restart every acknowledged upload is there, row and file, every file a row names
matches its digest (``taizhang files check``), and the audit chain is intact (``taizhang audit verify``).

The server (tests/backup/drill.py) runs on a copy of this test's SQLite database or on the PostgreSQL test
database itself. Bounded to a few seconds of traffic per database."""

from __future__ import annotations

import os
import signal
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
    traffic,
)

TRAFFIC_SECONDS = 1.5


def _drill(data_dir: Path, database_url: str | None, stored_rows) -> None:
    seats = scene()
    env = server_env(data_dir, database_url)
    if database_url is None:
        sqlite_copy(data_dir)
    port = free_port()
    server = serve(env, port)
    acknowledged, refused, stop, threads = traffic(port, seats)
    time.sleep(TRAFFIC_SECONDS)
    os.kill(server.pid, signal.SIGKILL)  # mid-flight: uploads are being written and committed
    server.wait()
    stop.set()
    for t in threads:
        t.join(timeout=15)
    assert len(acknowledged) >= CLIENTS and not refused, (len(acknowledged), refused)

    restarted = serve(env, port)  # it starts again after the crash
    restarted.terminate()
    restarted.wait(timeout=10)

    present = stored_rows()
    assert acknowledged <= present, f"{len(acknowledged - present)} acknowledged uploads lost"
    assert_checks_pass(env)


@pytest.mark.django_db(transaction=True)
def test_sqlite_keeps_every_acknowledged_upload_through_a_kill(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite drill runs in the SQLite pass")
    _drill(tmp_path, None, lambda: sqlite_rows(tmp_path / "taizhang.sqlite3"))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_keeps_every_acknowledged_upload_through_a_kill(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL=postgres://… (make test's PostgreSQL pass)")

    def rows() -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute(ROWS)
            return {sha for (sha,) in cursor.fetchall()}

    _drill(tmp_path, postgres_url(), rows)
