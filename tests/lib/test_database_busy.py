"""SQLite held by another writer past the busy timeout: the page and the API answer 503
"系统繁忙，请稍后重试 / database is busy" with ``Retry-After``, never 500; reading still works meanwhile
(WAL); any other database error is still a 500.

The lock is real: another connection holds ``BEGIN IMMEDIATE`` on the database file while a fresh process
(the web worker) with a 200 ms busy timeout signs in and calls the API."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from taizhang.lib.edges import BadInputMiddleware, server_error

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "台账-busy-口令-2024"

WORKER = """
import json, sys
import django; django.setup()
from django.test import Client
token = sys.argv[1]
client = Client(raise_request_exception=False)
answers = {
    "read": client.get("/login/"),
    "sign_in": client.post("/login/", {"username": "busy", "password": sys.argv[2]}),
    "api": client.get("/api/v1/plans", headers={"Authorization": f"Bearer {token}"}),
}
print(json.dumps({
    name: [r.status_code, r.get("Retry-After"), r.content.decode()[:2000]] for name, r in answers.items()
}))
"""


@pytest.mark.django_db(transaction=True)
def test_a_write_locked_past_the_busy_timeout_answers_503_with_retry_after(tmp_path):
    from django.db import connection

    from taizhang.accounts.models import Role
    from taizhang.accounts.services import api_token_create
    from tests.factories import make_region, make_unit, make_user

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's lock")
    region = make_region()
    user = make_user(username="busy", unit=make_unit(region=region), role=Role.LIAISON, password=PASSWORD)
    _, token = api_token_create(user=user, name="忙", actor=None)
    connection.ensure_connection()
    database = tmp_path / "taizhang.sqlite3"
    with sqlite3.connect(database) as copy:
        connection.connection.backup(copy)
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("BEGIN IMMEDIATE")  # another writer, in the middle of its transaction
    try:
        env = {**os.environ, "TAIZHANG_DATA_DIR": str(tmp_path), "TAIZHANG_SQLITE_BUSY_MS": "200"}
        env["TAIZHANG_ALLOWED_HOSTS"] = "testserver"
        env.pop("DATABASE_URL", None)
        done = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(WORKER), token, PASSWORD],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 0, done.stderr[-2000:]
    answers = json.loads(done.stdout.strip().splitlines()[-1])
    assert answers["read"][0] == 200
    status, retry_after, page = answers["sign_in"]
    assert (status, retry_after) == (503, "5")
    assert "系统繁忙，请稍后重试" in page and "database is busy" in page
    status, retry_after, body = answers["api"]
    assert (status, retry_after, json.loads(body)["code"]) == (503, "5", "busy")


def test_another_database_error_is_still_a_500():
    request = RequestFactory().get("/plans/")
    assert (
        BadInputMiddleware(lambda r: None).process_exception(request, OperationalError("no such table"))
        is None
    )
    try:
        raise OperationalError("disk I/O error")
    except OperationalError:
        assert server_error(request).status_code == 500
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        assert server_error(request).status_code == 503
