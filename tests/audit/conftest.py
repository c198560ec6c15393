"""What the audit chain tests share: a keyring, a few entries, and the DBA who drops the triggers."""

import pytest
from django.db import connection, transaction

from taizhang.audit.gate import triggers_sql
from taizhang.lib.keys import keyring

KEY_LINE = "k1 " + "5a" * 32


@pytest.fixture
def keys(monkeypatch):
    monkeypatch.setenv("TAIZHANG_KEY", KEY_LINE)
    monkeypatch.delenv("TAIZHANG_KEY_FILE", raising=False)
    keyring.cache_clear()
    yield keyring()
    keyring.cache_clear()


def write_entries(n: int, *, action: str = "test.entry") -> list[int]:
    """``n`` entries through ``audit_record``, as services write them; their ids."""
    from taizhang.audit.services import audit_record

    ids = []
    for i in range(n):
        with transaction.atomic():
            ids.append(audit_record(actor=None, action=action, obj=None, after={"n": i}, ip="10.0.0.1").pk)
    return ids


@pytest.fixture
def entries(db):
    return write_entries(6)


@pytest.fixture
def dba(db):
    """Drops the append-only triggers (a DBA with full rights), puts them back afterwards."""
    for sql in triggers_sql(connection.vendor, create=False):
        with connection.cursor() as cursor:
            cursor.execute(sql)
    yield raw_sql
    for sql in triggers_sql(connection.vendor, create=True):
        with connection.cursor() as cursor:
            cursor.execute(sql)


def raw_sql(sql: str, params=()) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
