"""Set-up made once for a whole test run, shared by its xdist workers.

pytest-xdist (``-n 2``, ``--dist load``) hands each worker chunks of consecutive tests, so a module's tests
may be split across both workers, and a module-scoped fixture is then built on each of them. For a set-up
that costs tens of seconds and that the tests only read (the demo build), ``once`` makes it in a folder the
workers of one run share, under a lock: the first worker builds, the other waits and reads the same result.
Without xdist it is an ordinary folder of this run.

(``--dist loadgroup`` with ``xdist_group`` would keep the module on one worker instead, but with pytest 9
pytest-xdist 3.8 no longer tags the test ids with the group, and the tests are spread as with ``load``.)"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest


def once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder ``name`` after ``build(folder)`` has run in it once for this run (by whichever worker came
    first). ``build`` raises (an assert) if it fails; its folder is then removed, so the other worker tries
    again and fails with its own message rather than reading half a result."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        folder = tmp_path_factory.mktemp(name)
        build(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent  # pytest-N/, above popen-gw0/ and popen-gw1/: this run's
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                build(folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            done.touch()
    return folder
