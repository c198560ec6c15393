"""Set-up made once for a whole test run, shared by its xdist workers.

pytest-xdist (``-n 2``, ``--dist load``) hands each worker chunks of consecutive tests, so a module's tests
may be split across both workers, and a module-scoped fixture is then built on each of them. For a set-up
that costs tens of seconds and that the tests only read (the demo build), ``once`` makes it in a folder the
workers of one run share, under a lock: the first worker builds, the other waits and reads the same result.
Without xdist it is a folder of this run's own. ``start_in_background`` starts the build at collection, as a
command that holds the lock while it runs, so the run's first tests go on beside it.

(``--dist loadgroup`` with ``xdist_group`` would keep the module on one worker instead, but with pytest 9
pytest-xdist 3.8 no longer tags the test ids with the group, and the tests are spread as with ``load``.)"""

from __future__ import annotations

import fcntl
import os
import shlex
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest


def _shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder this run's processes share: pytest-N/, above popen-gw0/ and popen-gw1/, with xdist; the
    run's own base folder without."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder ``name`` after ``build(folder)`` has run in it once for this run (by whichever worker came
    first, or by ``start_in_background``). ``build`` raises (an assert) if it fails; its folder is then
    removed, so the other worker tries again and fails with its own message rather than reading half a
    result."""
    shared = _shared(tmp_path_factory)
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes (and a background build has ended)
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


def start_in_background(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    argv: Sequence[str],
    env: Callable[[Path], dict[str, str]],
    timeout: int,
) -> None:
    """Start the build of ``once(…, name, …)`` now, as a command of its own, without waiting for it: run
    at collection, it goes on beside the first tests instead of holding up the test that needs it (and
    the other worker, waiting on the lock). The command holds the lock until it ends: ``once`` waits for
    it, then finds ``name.done`` (written only if the command succeeded, its output in ``stdout.txt`` and
    ``stderr.txt``) or, if it failed, builds again itself and fails with its own message. ``env(folder)``:
    the command's environment."""
    shared = _shared(tmp_path_factory)
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # another process is building it
        if done.exists():
            return
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        command = " ".join(("timeout", str(timeout), shlex.join(argv)))
        subprocess.Popen(
            ["sh", "-c", f'{command} >stdout.txt 2>stderr.txt && touch "$0"', str(done)],
            cwd=folder,
            env=env(folder),
            pass_fds=(lock.fileno(),),  # the lock stays held while the command runs
            stdin=subprocess.DEVNULL,
        )
