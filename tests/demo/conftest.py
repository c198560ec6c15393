"""The demo build starts in the background as soon as the run has collected a test of this folder
(tests/once.py, ``start_in_background``): ~45 s of CPU that would otherwise hold up the first demo test, and
the other worker waiting on its lock, goes on beside the first tests of the run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.once import start_in_background

HERE = Path(__file__).parent
DEMO = (sys.executable, "-m", "taizhang.cli", "demo", "--no-serve")
TIMEOUT = 600


def demo_env(data_dir: Path) -> dict[str, str]:
    """The demo makes its own SQLite installation in ``data_dir``, whatever DATABASE_URL says."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env["TAIZHANG_DATA_DIR"] = str(data_dir)
    return env


def pytest_collection_finish(session: pytest.Session) -> None:
    # This hook sees the whole session's items, not just this folder's.
    if any(item.path.is_relative_to(HERE) for item in session.items):
        factory = session.config._tmp_path_factory  # what the tmp_path_factory fixture hands out
        start_in_background(factory, "demo", DEMO, demo_env, TIMEOUT)
