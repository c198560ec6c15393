"""`taizhang serve` as an operator runs it: a real gunicorn in a subprocess on a free loopback port, its own
data directory and SQLite database (a copy of the migrated test database, so no 20-second migrate), static
files collected by `taizhang collectstatic`. One server for the module; the signals come last."""

from __future__ import annotations

import gzip
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from gunicorn.workers.sync import SyncWorker

import taizhang
from taizhang.administration.server import (
    GracefulThreadWorker,
    default_workers,
    gunicorn_config,
    serve_options,
)

ROOT = Path(taizhang.__file__).resolve().parent.parent
# The server's database is a copy of the test database, which pytest-django sets up only for a run with a
# test that asks for one.
pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _environment(data: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "TAIZHANG_DATA_DIR": str(data),
        "TAIZHANG_SECRET_KEY": "serve-test-not-a-secret",
        "TAIZHANG_STATIC_COLLECTED": "1",
        "TAIZHANG_LOG_LEVEL": "WARNING",
    }


def _taizhang(*args: str, env: dict[str, str], **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "taizhang.cli", *args], env=env, capture_output=True, text=True, **kwargs
    )


class Server:
    def __init__(self, data: Path, port: int):
        self.url = f"http://127.0.0.1:{port}"
        self.out, self.err = data / "stdout.log", data / "stderr.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "taizhang.cli", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            env=_environment(data),
            stdout=self.out.open("wb"),
            stderr=self.err.open("wb"),
        )

    def get(self, path: str, headers: dict | None = None):
        """(status, headers, body) without following redirects."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(urllib.request.Request(self.url + path, headers=headers or {}), timeout=10) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers, exc.read()

    def wait_up(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.err.read_text()
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise AssertionError(f"not up after {seconds}s: {self.err.read_text()}")

    def log(self) -> str:
        return self.err.read_text()

    def wait_log(self, pattern: str, count: int, seconds: float = 15) -> None:
        deadline = time.monotonic() + seconds
        while len(re.findall(pattern, self.log())) < count:
            assert time.monotonic() < deadline, self.log()
            time.sleep(0.1)


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    if connection.vendor != "sqlite":
        pytest.skip("the server runs on its own SQLite copy; the SQLite pass covers it")
    data = tmp_path_factory.mktemp("serve")
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(data / "taizhang.sqlite3")
        connection.connection.backup(target)
        target.close()
    collected = _taizhang("collectstatic", "--noinput", env=_environment(data), timeout=60)
    assert collected.returncode == 0, collected.stderr
    running = Server(data, _free_port())
    try:
        running.wait_up()
        yield running
    finally:
        if running.process.poll() is None:
            running.process.kill()
            running.process.wait()


def test_health_and_readiness_answer(server):
    assert server.get("/healthz")[::2] == (200, b'{"status": "ok"}')
    status, _headers, body = server.get("/readyz")
    assert status == 200, server.log()
    assert b'"database": "ok", "files": "ok", "migrations": "ok"' in body


def test_a_page_sends_an_anonymous_visitor_to_sign_in(server):
    status, headers, _body = server.get("/plans/")
    assert status == 302 and headers["Location"].startswith("/login/?next=")


def test_static_files_are_hashed_compressed_and_cached_for_years(server):
    _status, _headers, page = server.get("/login/")
    hashed = re.search(rb"/static/(vendor/htmx\.min\.[0-9a-f]{12}\.js)", page)
    assert hashed, "the page links the hashed name from the manifest"
    status, headers, body = server.get(f"/static/{hashed[1].decode()}", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == (ROOT / "taizhang/static/vendor/htmx.min.js").read_bytes()
    assert "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]


def test_the_access_log_has_the_request_and_its_time_but_not_the_probes(server):
    server.get("/plans/?q=secret-search")
    deadline = time.monotonic() + 5
    while "/plans/" not in server.out.read_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    log = server.out.read_text()
    assert re.search(r'"GET /plans/ HTTP/1\.1" 302 \d+ \d+ms', log), log
    assert "secret-search" not in log  # no query strings: search terms stay out of the log
    assert "/healthz" not in log and "/readyz" not in log


def test_hup_reloads_the_workers_gracefully_and_term_stops_the_server(server):
    server.wait_log(r"Booting worker", 2)
    server.process.send_signal(signal.SIGHUP)
    server.wait_log(r"Booting worker", 4)  # two new workers ...
    server.wait_log(r"Worker exiting", 2)  # ... and the two old ones finished and left
    for _ in range(5):
        assert server.get("/healthz")[0] == 200
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=40) == 0
    assert "Shutting down: Master" in server.log()


def test_default_workers_follow_the_cores_within_bounds():
    # sync workers (the default): 2 × cores + 1; threaded: cores + 1; 2 to 8 either way
    assert [default_workers(n) for n in (1, 2, 4, 16)] == [3, 5, 8, 8]
    assert [default_workers(n, threads=4) for n in (1, 2, 4, 16)] == [2, 3, 5, 8]


def test_one_thread_means_sync_workers_and_more_means_threaded_ones():
    sync = gunicorn_config(serve_options(binds=None, workers=None, threads=None, timeout=None))
    assert sync["worker_class"] is SyncWorker and sync["threads"] == 1
    threaded = gunicorn_config(serve_options(binds=None, workers=2, threads=8, timeout=None))
    assert threaded["worker_class"] is GracefulThreadWorker and threaded["workers"] == 2
