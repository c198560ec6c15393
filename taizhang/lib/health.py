"""Readiness (/readyz): can this process serve a page right now? Three checks, each True or False; the
reason of a failure goes to the log, never to the (public) answer.

- ``database``: the database answers a query;
- ``files``: the file store (``STORAGES["default"]``) takes a small file, gives it back and deletes it;
- ``migrations``: no migration of the installed code is waiting (a process started before
  ``taizhang migrate`` ran after an upgrade). Once all are applied the answer is kept for the process:
  loading the migration graph costs tens of milliseconds, and migrations are not undone under a running
  server.
"""

from __future__ import annotations

import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)

PROBE = b"taizhang readiness probe\n"
NOT_READY_EXIT = 3  # the database is unreachable or not migrated: nothing was done, try again later
_migrated = False


def readiness() -> dict[str, bool]:
    """Every check by name, True when it passed."""
    database = _database()
    return {
        "database": database,
        "files": _files(),
        "migrations": database and _migrations(),
    }


def _database() -> bool:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("readiness: the database does not answer")
        return False


def _files() -> bool:
    name = f"readyz-{uuid.uuid4().hex}.probe"
    try:
        name = default_storage.save(name, ContentFile(PROBE))
        try:
            with default_storage.open(name, "rb") as f:
                return f.read() == PROBE
        finally:
            default_storage.delete(name)
    except Exception:
        logger.exception("readiness: the file store cannot be written or read")
        return False


def _migrations() -> bool:
    global _migrated
    if _migrated:
        return True
    try:
        waiting = migrations_waiting()
    except Exception:
        logger.exception("readiness: cannot read the applied migrations")
        return False
    if waiting:
        logger.error("readiness: %d migrations not applied: run `taizhang migrate`", waiting)
        return False
    _migrated = True
    return True


def migrations_waiting() -> int:
    """How many migrations of the installed code the database has not applied (0: none)."""
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def require_migrated() -> None:
    """For the commands that run beside the server (tick, worker): started before ``taizhang migrate``
    (a new installation, an upgrade in progress), they say so in one line and exit with
    ``NOT_READY_EXIT`` instead of failing on a missing table."""
    global _migrated
    from django.core.management.base import CommandError

    from taizhang.lib.i18n import said

    if _migrated:
        return
    if waiting := migrations_waiting():
        raise CommandError(
            said(
                f"数据库有 {waiting} 个迁移尚未执行：请先运行 taizhang upgrade（或 taizhang migrate）",
                f"the database has {waiting} migrations not applied: run taizhang upgrade (or migrate) first",
            ),
            returncode=NOT_READY_EXIT,
        )
    _migrated = True
