"""The database part of a backup: a consistent copy, the rows counted and the file names read from that
same copy, and the way back.

- SQLite: the online backup API (``sqlite3.Connection.backup``) copies the pages under a read transaction,
  so writers keep writing and the copy is one moment (a ``cp`` of a live WAL database is not).
- PostgreSQL: ``pg_dump -Fc --snapshot`` of a snapshot exported by a REPEATABLE READ transaction, whose
  counts and file names are read in that same transaction. The password goes in ``PGPASSWORD``, never on
  the command line, where ``ps`` shows it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

from taizhang.administration.codes import BackupCode
from taizhang.files.inventory import file_fields
from taizhang.lib.refusal import Refusal

# What a bare ``taizhang migrate`` fills: not data, so a target holding only these is empty.
BOOKKEEPING = {"django_migrations", "django_content_type", "auth_permission", "audit_auditchainhead"}


@dataclass
class Copy:
    counts: dict[str, int]
    migrations: list[list[str]]
    file_names: set[str]


def _read(cursor, tables: list[str], quote: Callable[[str], str]) -> Copy:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT count(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    migrations = [list(row) for row in cursor.fetchall()]
    names: set[str] = set()
    for model, f in file_fields():
        if model._meta.db_table not in counts:
            continue
        column, table = quote(f.column), quote(model._meta.db_table)
        cursor.execute(f"SELECT DISTINCT {column} FROM {table} WHERE {column} <> ''")
        names.update(name for (name,) in cursor.fetchall() if name)
    return Copy(counts, migrations, names)


def copy_database(out: Path) -> Copy:
    """Write a consistent copy of the default database to ``out`` and describe that copy."""
    if connection.vendor == "sqlite":
        return _copy_sqlite(out)
    if connection.vendor == "postgresql":
        return _copy_postgres(out)
    raise Refusal(
        BackupCode.WRONG_DATABASE, f"不支持 {connection.vendor}", f"unsupported: {connection.vendor}"
    )


def _sqlite_tables(db: sqlite3.Connection) -> list[str]:
    rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [name for (name,) in rows]


def _copy_sqlite(out: Path) -> Copy:
    if connection.in_atomic_block:  # the backup API would wait for this connection's own write forever
        raise RuntimeError("backup_create on SQLite must not run inside a transaction")
    connection.ensure_connection()
    target = sqlite3.connect(out)
    try:
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        copy = _read(target.cursor(), _sqlite_tables(target), connection.ops.quote_name)
        target.commit()
    finally:
        target.close()
    return copy


def pg_env() -> dict[str, str]:
    """The environment for pg_dump / pg_restore / psql: the connection settings as libpq variables."""
    s = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    for var, value in (("PGHOST", s["HOST"]), ("PGPORT", s["PORT"]), ("PGUSER", s["USER"])):
        if value:
            env[var] = str(value)
    if s["PASSWORD"]:
        env["PGPASSWORD"] = str(s["PASSWORD"])
    if sslmode := (s.get("OPTIONS") or {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return env


def run_tool(args: list[str], *, env: dict[str, str]) -> None:
    tool = shutil.which(args[0])
    if tool is None:
        raise Refusal(
            BackupCode.TOOL_FAILED,
            f"找不到 {args[0]}，请安装 postgresql-client",
            f"{args[0]} not found: install postgresql-client",
        )
    done = subprocess.run([tool, *args[1:]], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        why = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise Refusal(BackupCode.TOOL_FAILED, f"{args[0]} 失败：{why}", f"{args[0]} failed: {why}")


def _copy_postgres(out: Path) -> Copy:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        name = connection.settings_dict["NAME"]
        run_tool(
            ["pg_dump", "-Fc", "--no-owner", f"--snapshot={snapshot}", "-f", str(out), name], env=pg_env()
        )
        return _read(cursor, connection.introspection.table_names(cursor), connection.ops.quote_name)


def live_counts() -> dict[str, int]:
    """Rows per table of the default database now."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def restore_database(source: Path) -> None:
    """Replace the (checked empty) default database by the copy in ``source``."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as copy:
            copy.backup(connection.connection)
        connection.close()  # the next query opens the restored database with the usual pragmas
        return
    connection.close()
    name = connection.settings_dict["NAME"]
    run_tool(
        ["pg_restore", "--no-owner", "--no-privileges", "--clean", "--if-exists", "--single-transaction",
         "--exit-on-error", "-d", name, str(source)],
        env=pg_env(),
    )  # fmt: skip
