"""The crash drill (issue 12): a server process killed with SIGKILL while clients upload evidence, on SQLite
and on PostgreSQL. After a restart every acknowledged upload is there, row and file, every file a row names
matches its digest (``taizhang files check``), and the audit chain is intact (``taizhang audit verify``).

The server is ``runserver --noreload`` (threaded) in a child process, on a copy of this test's SQLite database
or on the PostgreSQL test database itself; clients are threads speaking plain HTTP with a session made here.
Bounded to a few seconds of traffic per database."""

from __future__ import annotations

import hashlib
import http.client
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from taizhang.accounts.models import Role
from taizhang.lib import keys
from tests.factories import make_assignment, make_report, make_unit, make_user

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 6
TRAFFIC_SECONDS = 1.5
CSRF = "c" * 32  # any 32-character secret: the cookie and the header only have to agree


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _scene() -> list[tuple[int, str]]:
    """One liaison and one open report per client: (report id, session cookie)."""
    seats = []
    for _ in range(CLIENTS):
        unit = make_unit()
        liaison = make_user(unit=unit, role=Role.LIAISON)
        report = make_report(assignment=make_assignment(unit=unit))
        browser = Client()
        browser.force_login(liaison)
        seats.append((report.pk, browser.cookies[settings.SESSION_COOKIE_NAME].value))
    return seats


def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DJANGO_SETTINGS_MODULE="taizhang.settings",
        TAIZHANG_DATA_DIR=str(data_dir),
        TAIZHANG_KEY_FILE=str(Path(settings.DATA_DIR) / keys.DEV_FILE),
        TAIZHANG_SECRET_KEY=settings.SECRET_KEY,  # the sessions made here are the server's
        TAIZHANG_PASSWORD_MAX_AGE_DAYS="0",
        TAIZHANG_ALLOWED_HOSTS="127.0.0.1",
        TAIZHANG_LOG_LEVEL="CRITICAL",
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _serve(env: dict[str, str], port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise AssertionError("the server did not start")


def _upload(port: int, report_id: int, session: str, data: bytes) -> int:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="纪要.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(
        "POST",
        f"/reports/{report_id}/evidence/",
        body=body,
        headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={CSRF}",
            "X-CSRFToken": CSRF,
        },
    )
    return conn.getresponse().status


def _traffic(port: int, seats: list[tuple[int, str]]):
    """Start one thread per seat uploading distinct PDFs (~100 KB) until the server dies: the set of
    digests acknowledged (302), the list of other answers, the stop event and the threads."""
    acknowledged: set[str] = set()
    refused = []
    stop = threading.Event()

    def client(n: int, report_id: int, session: str) -> None:
        i = 0
        while not stop.is_set():
            i += 1
            data = b"%PDF-1.4\n" + f"client {n} upload {i} ".encode() * 4000 + b"\n%%EOF\n"
            try:
                status = _upload(port, report_id, session, data)
            except (OSError, http.client.HTTPException):
                return  # the server is gone: this upload was never acknowledged
            if status == 302:
                acknowledged.add(hashlib.sha256(data).hexdigest())
            else:
                refused.append(status)

    threads = [threading.Thread(target=client, args=(n, *seat)) for n, seat in enumerate(seats)]
    for t in threads:
        t.start()
    return acknowledged, refused, stop, threads


def _drill(data_dir: Path, database_url: str | None, stored_rows) -> None:
    seats = _scene()
    env = _env(data_dir, database_url)
    if database_url is None:  # SQLite: the server gets a copy of this test's database, made now
        connection.ensure_connection()
        with sqlite3.connect(data_dir / "taizhang.sqlite3") as copy:
            connection.connection.backup(copy)
    port = _port()
    server = _serve(env, port)
    acknowledged, refused, stop, threads = _traffic(port, seats)
    time.sleep(TRAFFIC_SECONDS)
    os.kill(server.pid, signal.SIGKILL)  # mid-flight: uploads are being written and committed
    server.wait()
    stop.set()
    for t in threads:
        t.join(timeout=15)
    assert len(acknowledged) >= CLIENTS and not refused, (len(acknowledged), refused)

    restarted = _serve(env, port)  # it starts again after the crash
    restarted.terminate()
    restarted.wait(timeout=10)

    present = stored_rows()
    assert acknowledged <= present, f"{len(acknowledged - present)} acknowledged uploads lost"
    for command in (["files", "check"], ["audit", "verify"]):
        done = subprocess.run(
            [sys.executable, "-m", "taizhang.cli", *command],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr


_ROWS = "SELECT b.sha256 FROM reports_reportfile f JOIN files_blob b ON b.id = f.blob_id"


@pytest.mark.django_db(transaction=True)
def test_sqlite_keeps_every_acknowledged_upload_through_a_kill(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite drill runs in the SQLite pass")

    def rows() -> set[str]:
        with sqlite3.connect(tmp_path / "taizhang.sqlite3") as db:
            return {sha for (sha,) in db.execute(_ROWS)}

    _drill(tmp_path, None, rows)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_postgres_keeps_every_acknowledged_upload_through_a_kill(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL=postgres://… (make test's PostgreSQL pass)")
    s = connection.settings_dict
    url = f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"

    def rows() -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute(_ROWS)
            return {sha for (sha,) in cursor.fetchall()}

    _drill(tmp_path, url, rows)
