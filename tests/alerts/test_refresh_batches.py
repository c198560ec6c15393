"""The refresh writes in short transactions (``BATCH`` warnings each) and leaves the database free between
them: a user's write made while it runs is not refused. The result is the one a single pass gives."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection, transaction

from taizhang.alerts import refresh as refresh_module
from taizhang.alerts.models import Alert
from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Milestone
from taizhang.units.models import Unit
from tests.alerts.helpers import line, open_alerts, refresh
from tests.elsewhere import elsewhere
from tests.factories import make_milestone

DUE = date(2021, 5, 10)


@pytest.fixture
def five_late(city, monkeypatch):
    monkeypatch.setattr(refresh_module, "BATCH", 2)
    return [make_milestone(assignment=line(city), due_date=DUE) for _ in range(5)]


def _write_elsewhere(unit_pk: int) -> str | None:
    """A user's save on another connection, as a request thread makes it; the error, or None."""

    def save():
        with transaction.atomic():
            Unit.objects.filter(pk=unit_pk).update(short_name="并发写入")

    return elsewhere(save, timeout=10)


@pytest.mark.django_db
def test_batches_raise_change_and_clear_as_one_pass_would(five_late):
    result = refresh(DUE + timedelta(days=1))
    assert len(result.raised) == 5 and set(open_alerts().values()) == {"notice"}
    Milestone.objects.filter(pk=five_late[0].pk).update(done_date=DUE)
    result = refresh(DUE + timedelta(days=15))
    assert (len(result.escalated), len(result.cleared)) == (4, 1)
    assert refresh(DUE + timedelta(days=15)).raised == []  # a rerun changes nothing
    actions = AuditEvent.objects.filter(object_type="alerts.alert").values_list("action", flat=True)
    # The raises one entry a unit a batch (three batches of two at most, one unit); each change its own.
    assert sorted(actions) == ["alert.clear"] + ["alert.level"] * 4 + ["alert.raise_batch"] * 3
    for alert in Alert.objects.all():  # each warning's history begins with its raising
        history = AuditEvent.objects.about("alerts.alert", alert.pk).order_by("pk")
        assert history[0].action == "alert.raise_batch"
    assert Alert.objects.count() == 5


@pytest.mark.django_db(transaction=True)
def test_a_users_write_between_batches_is_not_refused(five_late, city):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's one writer; on PostgreSQL a save waits only for the rows a batch holds")
    with transaction.atomic():  # the check itself: while a transaction holds the lock, the write fails
        Unit.objects.filter(pk=city.a.pk).update(short_name="刷新中")
        assert _write_elsewhere(city.a.pk) is not None
    outcomes = []
    refresh(
        DUE + timedelta(days=1), progress=lambda done, total: outcomes.append(_write_elsewhere(city.b.pk))
    )
    assert len(outcomes) == 3 and outcomes == [None, None, None]  # 5 warnings, 2 a batch
    assert Unit.objects.get(pk=city.b.pk).short_name == "并发写入"
