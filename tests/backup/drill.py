"""What the drills share (tests/backup/test_crash_drill.py, test_backup_drill.py): a server subprocess on
its own data dir, liaisons with sessions made here, and client threads uploading evidence over plain HTTP,
counting what the server acknowledged.

The server is ``runserver --noreload`` (threaded): what is drilled is the database and the file store under
concurrent writes, not the server (tests/multihost drills ``taizhang serve``)."""

from __future__ import annotations

import hashlib
import http.client
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client

from taizhang.accounts.models import Role
from taizhang.lib import keys
from tests.factories import make_assignment, make_report, make_unit, make_user

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 6
CSRF = "c" * 32  # any 32-character secret: the cookie and the header only have to agree


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scene() -> list[tuple[int, str]]:
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


def server_env(data_dir: Path, database_url: str | None) -> dict[str, str]:
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


def serve(env: dict[str, str], port: int) -> subprocess.Popen:
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


def upload(port: int, report_id: int, session: str, data: bytes) -> int:
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


def traffic(port: int, seats: list[tuple[int, str]]):
    """Start one thread per seat uploading distinct PDFs (~100 KB) until stopped or the server dies:
    the set of digests acknowledged (302; ``.copy()`` it while they run), the list of other answers, the
    stop event and the threads."""
    acknowledged: set[str] = set()
    refused = []
    stop = threading.Event()

    def client(n: int, report_id: int, session: str) -> None:
        i = 0
        while not stop.is_set():
            i += 1
            data = b"%PDF-1.4\n" + f"client {n} upload {i} ".encode() * 4000 + b"\n%%EOF\n"
            try:
                status = upload(port, report_id, session, data)
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


ROWS = "SELECT b.sha256 FROM reports_reportfile f JOIN files_blob b ON b.id = f.blob_id"


def postgres_url() -> str:
    """The test database's URL, for a server or a command in another process."""
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def sqlite_copy(data_dir: Path) -> None:
    """The server's database: a copy of this test's SQLite database, made now."""
    connection.ensure_connection()
    with sqlite3.connect(data_dir / "taizhang.sqlite3") as copy:
        connection.connection.backup(copy)


def sqlite_rows(path: Path) -> set[str]:
    """The digests of the evidence rows in the SQLite database at ``path``."""
    with sqlite3.connect(path) as db:
        return {sha for (sha,) in db.execute(ROWS)}


def taizhang(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """``taizhang ARGS`` as the installation ``env`` describes."""
    return subprocess.run(
        [sys.executable, "-m", "taizhang.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_checks_pass(env: dict[str, str]) -> None:
    """``taizhang files check`` and ``taizhang audit verify`` both exit 0 (side by side: both only read)."""
    checks = [
        subprocess.Popen(
            [sys.executable, "-m", "taizhang.cli", *command],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for command in (["files", "check"], ["audit", "verify"])
    ]
    for check in checks:
        output, _ = check.communicate(timeout=120)
        assert check.returncode == 0, output
