"""batch_transaction: on SQLite, once batches have held the write lock for ``HOLD``, a pause longer than a
waiting save's longest poll, so the save gets in between two batches; none inside a caller's transaction."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from taizhang.lib import batches
from taizhang.units.models import Region


@pytest.fixture
def pauses(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(batches.time, "sleep", slept.append)
    monkeypatch.setattr(batches, "HOLD", 0.0)  # every batch is "long enough" here
    batches._held.seconds = 0.0
    return slept


@pytest.mark.django_db(transaction=True)
def test_each_batch_is_its_own_transaction_and_the_lock_is_let_go(pauses):
    if connection.vendor != "sqlite":
        pytest.skip("the pause is for SQLite's one writer; PostgreSQL locks rows")
    for names in batches.batches(["甲", "乙", "丙"], 2):
        with batches.batch_transaction():
            Region.objects.bulk_create([Region(name=n, level="district") for n in names])
    assert pauses == [batches.PAUSE, batches.PAUSE] and batches.PAUSE > 0.1  # SQLite's longest poll: 100 ms
    assert Region.objects.count() == 3


@pytest.mark.django_db
def test_no_pause_inside_a_callers_transaction(pauses):
    with transaction.atomic(), batches.batch_transaction():
        Region.objects.create(name="丁", level="district")
    assert pauses == []
