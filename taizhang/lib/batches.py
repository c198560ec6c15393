"""Long writes in short transactions: ``batches`` cuts a list, ``batch_transaction`` writes one piece.

SQLite has one writer, and a waiting writer does not queue: it polls (``busy_timeout``) with sleeps growing
to 100 ms. A job committing batch after batch back to back wins the lock again before the user's save wakes
up, and the save fails after 5 s though no transaction was long. So, on SQLite, once a job's batches have
held the lock for ``HOLD`` (0.2 s) since its last pause, it pauses ``PAUSE`` — longer than the pollers'
longest sleep, so a waiting save gets in: it waits at most about ``HOLD`` plus one batch. The price is about
a third more time for the job's writes. PostgreSQL locks rows, not the database: no pause there."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection, transaction

HOLD, PAUSE = 0.2, 0.11
_held = threading.local()


def batches(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextmanager
def batch_transaction() -> Iterator[None]:
    """``transaction.atomic()`` for one batch of a long job, then, when due, the pause that lets users in."""
    started = time.monotonic()
    with transaction.atomic():
        yield
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    _held.seconds = getattr(_held, "seconds", 0.0) + time.monotonic() - started
    if _held.seconds >= HOLD:
        time.sleep(PAUSE)
        _held.seconds = 0.0
