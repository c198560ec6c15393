"""Long writes in short transactions: ``batches`` cuts a list, ``batch_transaction`` writes one piece.

SQLite has one writer, and a waiting writer does not queue: it polls (``busy_timeout``) with sleeps of up to
100 ms. A job committing batch after batch back to back would win the lock again before the user's save
wakes up, and the save would fail after 5 s though no transaction was long. So after each batch, on SQLite,
the job pauses as long as the batch held the lock (at most ``MAX_PAUSE``): the lock is free half the time,
and a poller finds it within a few tries. PostgreSQL locks rows, not the database: no pause there."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import connection, transaction

MAX_PAUSE = 0.05


def batches(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@contextmanager
def batch_transaction() -> Iterator[None]:
    """``transaction.atomic()`` for one batch of a long job, then the pause that lets a user's write in."""
    started = time.monotonic()
    with transaction.atomic():
        yield
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        time.sleep(min(time.monotonic() - started, MAX_PAUSE))
