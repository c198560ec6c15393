"""batch_transaction: after a batch, on SQLite, a pause as long as the batch held the lock (capped), so a
user's save polling for the lock gets in between two batches; none inside a caller's transaction."""

from __future__ import annotations

import pytest
from django.db import transaction

from taizhang.lib import batches
from taizhang.units.models import Region


@pytest.fixture
def pauses(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(batches.time, "sleep", slept.append)
    return slept


@pytest.mark.django_db(transaction=True)
def test_each_batch_is_its_own_transaction_followed_by_a_pause(pauses):
    for names in batches.batches(["甲", "乙", "丙"], 2):
        with batches.batch_transaction():
            Region.objects.bulk_create([Region(name=n, level="district") for n in names])
    assert len(pauses) == 2 and all(0 <= p <= batches.MAX_PAUSE for p in pauses)
    assert Region.objects.count() == 3


@pytest.mark.django_db
def test_no_pause_inside_a_callers_transaction(pauses):
    with transaction.atomic(), batches.batch_transaction():
        Region.objects.create(name="丁", level="district")
    assert pauses == []
