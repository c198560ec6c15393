"""Reads from a read replica (只读副本), for the read-heavy pages that follow no write.

``TAIZHANG_REPLICA_URL`` adds the database alias ``replica`` (settings). Nothing reads from it unless asked:
a read-heavy page — the plan dashboard, the plan ledger and its export — is decorated with
``replica_reads``, and every query it evaluates (templates included) goes to the replica when

- the replica is configured,
- the request is a GET or HEAD that carries no pin cookie: any other request sets the cookie
  ``taizhang_primary`` for ``TAIZHANG_REPLICA_PIN_SECONDS``, so the page after a write (the redirect after a
  POST, the next few clicks) reads the primary and shows the write, however far the replica lags;
- and no transaction is open on the primary (a write and the reads it decides on stay together).

Writes always go to the primary, also for rows read from the replica (``PrimaryReplicaRouter``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
PIN_COOKIE = "taizhang_primary"
_SAFE = {"GET", "HEAD"}
_request_may_read_replica: ContextVar[bool] = ContextVar("request_may_read_replica", default=True)
_in_replica_block: ContextVar[bool] = ContextVar("in_replica_block", default=False)


def replica_configured() -> bool:
    return REPLICA in connections.settings


def read_db() -> str:
    """The alias a read-only page reads from now: ``replica`` when all the conditions above hold."""
    if not replica_configured() or not _request_may_read_replica.get():
        return DEFAULT_DB_ALIAS
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return DEFAULT_DB_ALIAS
    return REPLICA


@contextmanager
def replica_reads() -> Iterator[str]:
    """Reads inside (a ``with`` block or a decorated view) go where ``read_db`` says; yields that alias."""
    token = _in_replica_block.set(True)
    try:
        yield read_db()
    finally:
        _in_replica_block.reset(token)


class PrimaryReplicaRouter:
    """Reads in a ``replica_reads`` block from ``read_db()``; every write, and every migration, on the
    primary. Outside a block Django's own rule applies: a related row comes from where its instance came."""

    def db_for_read(self, model, **hints) -> str | None:
        return read_db() if _in_replica_block.get() else None

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # one database, two doors

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS


class ReplicaPinMiddleware:
    """Whether this request may read the replica; a request that may write pins its client to the primary
    for ``TAIZHANG_REPLICA_PIN_SECONDS`` (read-your-writes across the redirect after it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        safe = request.method in _SAFE
        token = _request_may_read_replica.set(safe and PIN_COOKIE not in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _request_may_read_replica.reset(token)
        if not safe:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
