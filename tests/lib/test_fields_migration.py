"""The upgrade, as the migrations run it on an installation with data: the talk records written before it
are encrypted in place and read back the same; migrating back decrypts them to the text they were."""

import uuid

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from taizhang.alerts.models import AdmonitionTalk

BEFORE = [("alerts", "0001_initial")]
AFTER = [("alerts", "0004_encrypt_existing_admonitiontalk")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _migrate_to_latest():
    """Back to every app's newest migration: a later alerts migration left unapplied would take its columns
    from the tests that run after this one in the same process."""
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _raw_notes() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM alerts_admonitiontalk ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_existing_talks_are_encrypted_by_the_upgrade_and_decrypted_by_its_reverse(
    django_db_serialized_rollback,
):
    from tests.factories import make_unit, make_user

    unit, user = make_unit(), make_user()
    _migrate(BEFORE)
    with connection.cursor() as cursor:
        for n in range(3):
            cursor.execute(
                "INSERT INTO alerts_admonitiontalk (unit_id, talked_with, held_by, held_on, notes, "
                "recorded_by_id, recorded_at) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [
                    unit.pk,
                    f"局长{n}",
                    "李书记",
                    "2021-05-10",
                    f"谈话记录{n}",
                    user.pk,
                    "2021-05-10 10:00:00+08:00",
                ],
            )
    try:
        _migrate(AFTER)
        assert not any("谈话记录" in raw for raw in _raw_notes())
        talks = list(AdmonitionTalk.objects.order_by("pk"))
        assert [(t.talked_with, t.notes) for t in talks] == [(f"局长{n}", f"谈话记录{n}") for n in range(3)]
        assert len({t.row_key for t in talks}) == 3 and all(isinstance(t.row_key, uuid.UUID) for t in talks)
        _migrate(BEFORE)
        assert _raw_notes() == [f"谈话记录{n}" for n in range(3)]
    finally:
        _migrate_to_latest()
