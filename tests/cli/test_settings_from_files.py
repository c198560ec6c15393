"""Deployment variables given as files (``NAME_FILE``), as Docker secrets and systemd credentials give them:
the value is read from the file, and a wrong setup stops the start with a clear line."""

from __future__ import annotations

import os
import subprocess
import sys

SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECRET_KEY, s.DATABASES['default']['ENGINE'], s.EMAIL_HOST_PASSWORD)"
)


def _run(tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TAIZHANG_", "DATABASE_URL"))}
    base.update(DJANGO_SETTINGS_MODULE="taizhang.settings", TAIZHANG_DATA_DIR=str(tmp_path / "data"), **env)
    return subprocess.run([sys.executable, "-c", SHOW], env=base, capture_output=True, text=True, timeout=60)


def test_secrets_are_read_from_the_files_named_by_file_variables(tmp_path):
    (tmp_path / "key").write_text("k-from-a-file-0123456789\n")
    (tmp_path / "smtp").write_text("口令 with spaces\n")
    (tmp_path / "db").write_text(f"sqlite:///{tmp_path}/other.sqlite3\n")
    result = _run(
        tmp_path,
        TAIZHANG_SECRET_KEY_FILE=str(tmp_path / "key"),
        TAIZHANG_EMAIL_PASSWORD_FILE=str(tmp_path / "smtp"),
        DATABASE_URL_FILE=str(tmp_path / "db"),
    )
    assert result.returncode == 0, result.stderr
    key, engine, *password = result.stdout.split()
    assert (key, engine, password) == (
        "k-from-a-file-0123456789",
        "django.db.backends.sqlite3",
        ["口令", "with", "spaces"],
    )


def test_a_variable_set_both_ways_or_an_unreadable_file_stops_the_start(tmp_path):
    both = _run(tmp_path, TAIZHANG_SECRET_KEY="x", TAIZHANG_SECRET_KEY_FILE=str(tmp_path / "key"))
    assert both.returncode != 0
    assert "set TAIZHANG_SECRET_KEY or TAIZHANG_SECRET_KEY_FILE, not both" in both.stderr
    missing = _run(tmp_path, TAIZHANG_SECRET_KEY_FILE=str(tmp_path / "nowhere"))
    assert missing.returncode != 0 and "TAIZHANG_SECRET_KEY_FILE: cannot read" in missing.stderr
