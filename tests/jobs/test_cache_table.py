"""The shared cache is the database's: every `migrate` makes its table (jobs.apps), so an install or upgrade
needs no `createcachetable` step, and what one app server caches another reads."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection

pytestmark = pytest.mark.django_db


def test_migrate_makes_the_cache_table_and_the_cache_lives_in_the_database():
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE taizhang_cache")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")  # what the end of `migrate` sends
    assert "taizhang_cache" in connection.introspection.table_names()
    cache.set("shared", "seen by every host", 60)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM taizhang_cache")
        assert cursor.fetchone()[0] == 1
    assert cache.get("shared") == "seen by every host"
