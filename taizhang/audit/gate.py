"""The database's own guard on the audit tables: triggers refuse UPDATE and DELETE (追加写入), whoever sends
them, ORM or raw SQL. The one door is ``archive_gate()``, which only ``taizhang audit archive`` opens, inside
its transaction, to remove entries it has just written to an archive file:

- PostgreSQL: the trigger lets a DELETE through when ``current_setting('taizhang.archiving', true) = 'on'``,
  a setting local to the transaction (``set_config(…, true)``);
- SQLite: the trigger asks ``taizhang_audit_gate()``, a function taizhang registers on each of its own
  connections (``install_sqlite_gate``); another client (the ``sqlite3`` shell) has no such function, so its
  DELETE fails too.

Neither door stops someone who can drop a trigger: that is what the hash chain and the signed anchors are for.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connections

TABLES = ("audit_auditevent", "audit_auditanchor")
_FLAG = "_taizhang_audit_gate"

SQLITE_CREATE = [
    sql
    for table in TABLES
    for sql in (
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only (审计日志只能追加)'); END",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} WHEN NOT taizhang_audit_gate() "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only (审计日志只能追加)'); END",
    )
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {t}_{w}" for t in TABLES for w in ("no_update", "no_delete")]

POSTGRES_CREATE = [
    """CREATE OR REPLACE FUNCTION taizhang_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND coalesce(current_setting('taizhang.archiving', true), '') = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only (审计日志只能追加)', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$""",
    *(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        "FOR EACH ROW EXECUTE FUNCTION taizhang_audit_append_only()"
        for table in TABLES
    ),
]
POSTGRES_DROP = [
    *(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS taizhang_audit_append_only()",
]


def triggers_sql(vendor: str, *, create: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    if vendor == "postgresql":
        return POSTGRES_CREATE if create else POSTGRES_DROP
    raise NotImplementedError(f"no audit triggers for {vendor}")


def install_sqlite_gate(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: gives each SQLite connection the function its triggers ask."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "taizhang_audit_gate", 0, lambda: int(getattr(connection, _FLAG, False))
        )


@contextmanager
def archive_gate(using: str = "default"):
    """Lets DELETE on the audit table through, in the current transaction only."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("archive_gate opens only inside a transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('taizhang.archiving', 'on', true)")
    setattr(connection, _FLAG, True)
    try:
        yield
    finally:
        setattr(connection, _FLAG, False)
        if connection.vendor == "postgresql" and not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('taizhang.archiving', 'off', true)")
