"""Audit retention (留存) below six months stops the start; 180 days and more are accepted."""

from __future__ import annotations

import os
import subprocess
import sys

SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.TAIZHANG_AUDIT_RETENTION_DAYS)"
)


def _run(tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TAIZHANG_", "DATABASE_URL"))}
    base.update(
        DJANGO_SETTINGS_MODULE="taizhang.settings",
        TAIZHANG_DATA_DIR=str(tmp_path / "data"),
        TAIZHANG_SECRET_KEY="tests-only-not-a-secret",
        **env,
    )
    return subprocess.run([sys.executable, "-c", SHOW], env=base, capture_output=True, text=True, timeout=60)


def test_retention_defaults_to_180_days(tmp_path):
    assert _run(tmp_path).stdout.strip() == "180"


def test_retention_under_180_days_refuses_to_start(tmp_path):
    result = _run(tmp_path, TAIZHANG_AUDIT_RETENTION_DAYS="90")
    assert result.returncode != 0 and "TAIZHANG_AUDIT_RETENTION_DAYS must be at least 180" in result.stderr


def test_a_longer_retention_is_kept(tmp_path):
    assert _run(tmp_path, TAIZHANG_AUDIT_RETENTION_DAYS="365").stdout.strip() == "365"
