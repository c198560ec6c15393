"""A database that is down, or not yet migrated, met by `taizhang tick` and `taizhang worker` (as they start
beside a new installation or an upgrade): one line in the operator's language and their own exit code, never
a traceback, nothing done."""

import os
import socket
import sqlite3
import subprocess
import sys

import pytest

from taizhang.lib.health import NOT_READY_EXIT


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens there


def _run(tmp_path, *command, database_url=None, **env):
    env = {**os.environ, "TAIZHANG_DATA_DIR": str(tmp_path), **env}
    env.pop("DATABASE_URL", None)  # a new SQLite database in tmp_path unless one is named
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "taizhang.cli", *command], env=env, capture_output=True, text=True, timeout=120
    )


def _tick(tmp_path, **env):
    return _run(
        tmp_path, "tick", database_url=f"postgres://taizhang:x@127.0.0.1:{_closed_port()}/taizhang", **env
    )


def test_tick_without_its_database_says_so_in_one_line_and_exits_with_its_code(tmp_path):
    done = _tick(tmp_path, TAIZHANG_LANGUAGE="zh-hans")
    assert done.returncode == NOT_READY_EXIT
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("无法访问数据库："), done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_line_is_in_english_for_an_english_operator(tmp_path):
    done = _tick(tmp_path, TAIZHANG_LANGUAGE="en")
    assert done.returncode == NOT_READY_EXIT
    assert done.stderr.startswith("the database cannot be reached: "), done.stderr


@pytest.mark.parametrize("command", [("tick",), ("worker", "--once")])
def test_before_migrate_the_tick_and_the_worker_say_run_upgrade_and_change_nothing(tmp_path, command):
    done = _run(tmp_path, *command, TAIZHANG_LANGUAGE="zh-hans")
    assert done.returncode == NOT_READY_EXIT, done.stderr
    assert "Traceback" not in done.stderr
    assert "尚未执行" in done.stderr and "taizhang upgrade" in done.stderr
    with sqlite3.connect(
        tmp_path / "taizhang.sqlite3"
    ) as db:  # nothing created: not even the table of migrations
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not tables & {"jobs_lease", "django_migrations"}
