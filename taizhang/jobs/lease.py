"""One runner at a time for a job started on several hosts (the tick on every app server's timer).

``lease(name, seconds=…)`` takes the row ``jobs.Lease(name)`` with one conditional UPDATE — free, run out,
or already ours → ours until the database's now + ``seconds`` — and gives it back on leaving. The database's
clock decides expiry, so hosts whose clocks differ still agree. Another runner holding it: ``LeaseHeld``
says who and until when. A runner that dies keeps the lease until it runs out; nothing has to clean up.
"""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.db import models
from django.db.models import Q
from django.db.models.functions import Now

from taizhang.jobs.models import Lease


class LeaseHeld(Exception):
    """Another runner holds the lease: an outcome to report, not a failure."""

    def __init__(self, lease: Lease):
        self.holder, self.expires_at = lease.holder, lease.expires_at
        super().__init__(f"{lease.name} is held by {lease.holder} until {lease.expires_at:%Y-%m-%d %H:%M:%S}")


def new_holder() -> str:
    return f"{socket.gethostname()[:80]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def lease_take(name: str, *, holder: str, seconds: int) -> bool:
    """Whether ``holder`` now holds ``name`` for ``seconds`` (outside any transaction: it must commit)."""
    Lease.objects.get_or_create(name=name)
    until = models.ExpressionWrapper(Now() + timedelta(seconds=seconds), output_field=models.DateTimeField())
    free = Q(holder="") | Q(expires_at__isnull=True) | Q(expires_at__lt=Now()) | Q(holder=holder)
    return Lease.objects.filter(free, name=name).update(holder=holder, expires_at=until) == 1


def lease_release(name: str, *, holder: str) -> None:
    Lease.objects.filter(name=name, holder=holder).update(holder="", expires_at=None)


@contextmanager
def lease(name: str, *, seconds: int, wait: float = 0, poll: float = 2.0) -> Iterator[str]:
    """Hold ``name`` for the block (its holder id is yielded); try again for up to ``wait`` seconds, then
    raise ``LeaseHeld``."""
    holder = new_holder()
    deadline = time.monotonic() + wait
    while not lease_take(name, holder=holder, seconds=seconds):
        if time.monotonic() >= deadline:
            raise LeaseHeld(Lease.objects.get(name=name))
        time.sleep(min(poll, max(0.0, deadline - time.monotonic())))
    try:
        yield holder
    finally:
        lease_release(name, holder=holder)
