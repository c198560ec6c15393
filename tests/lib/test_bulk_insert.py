"""``lib.bulk.bulk_insert`` writes what ``bulk_create`` writes: the same columns, the same values (JSON, time
stamps, keys, defaults), ids set on the objects; with ``ignore_conflicts`` and a ``key`` it returns only the
rows it stored. The tick inserts its warnings, messages and deliveries through it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from taizhang.alerts.models import Alert
from taizhang.lib.bulk import bulk_insert, insert_rows
from taizhang.notifications.models import Delivery, Notification
from tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def _rows(model, pks, leave=("id",)):
    """The stored rows, as the database gives them back, without the columns that differ by design."""
    rows = model.objects.filter(pk__in=pks).order_by("pk").values()
    return [{k: v for k, v in row.items() if k not in leave} for row in rows]


def _alerts(unit, keys, raised_at):
    return [
        Alert(
            rule="milestone_overdue",
            key=key,
            region=unit.region,
            unit=unit,
            level="red",
            summary=f"逾期 {key}",
            evidence={"days": 12, "里程碑": ["一", "二"], "due": "2024-03-01"},
            raised_at=raised_at,
            refreshed_at=raised_at + timedelta(seconds=3),
        )
        for key in keys
    ]


def test_warnings_are_stored_as_bulk_create_stores_them():
    unit, at = make_unit(), timezone.now().replace(microsecond=123456)
    by_django = Alert.objects.bulk_create(_alerts(unit, ["a:1", "a:2"], at))
    by_us = bulk_insert(Alert, _alerts(unit, ["b:1", "b:2"], at))
    assert all(a.pk for a in by_us) and {a.pk for a in by_us}.isdisjoint({a.pk for a in by_django})
    assert _rows(Alert, [a.pk for a in by_us], leave=("id", "key", "summary")) == _rows(
        Alert, [a.pk for a in by_django], leave=("id", "key", "summary")
    )
    stored = Alert.objects.get(pk=by_us[0].pk)
    assert stored.raised_at == at and stored.evidence["里程碑"] == ["一", "二"]
    # as the database holds them, not only as Django reads them back: a time stored in another form would
    # compare wrongly in SQL (``raised_at < …``)
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(Alert._meta.db_table)
        cursor.execute(
            f"SELECT raised_at, refreshed_at, evidence FROM {table} WHERE id IN (%s, %s) ORDER BY id",
            [by_django[0].pk, by_us[0].pk],
        )
        theirs, ours = cursor.fetchall()
    assert ours == theirs


def test_messages_and_deliveries_are_stored_as_bulk_create_stores_them():
    person = make_user()

    def messages(prefix):
        return [
            Notification(recipient=person, dedup_key=f"{prefix}:{n}", subject="催报", body="请按时报送")
            for n in range(3)
        ]

    ours, theirs = bulk_insert(Notification, messages("x")), Notification.objects.bulk_create(messages("y"))
    assert _rows(Notification, [m.pk for m in ours], leave=("id", "dedup_key", "created_at")) == _rows(
        Notification, [m.pk for m in theirs], leave=("id", "dedup_key", "created_at")
    )
    assert all(m.created_at for m in Notification.objects.filter(pk__in=[m.pk for m in ours]))  # auto_now_add
    made = bulk_insert(Delivery, [Delivery(notification=m, channel="email") for m in ours])
    delivered = Delivery.objects.filter(pk__in=[d.pk for d in made])
    assert {(d.notification_id, d.state, d.attempts) for d in delivered} == {
        (m.pk, "pending", 0) for m in ours
    }


def test_with_ignore_conflicts_only_the_rows_stored_come_back():
    unit, at = make_unit(), timezone.now()
    first = bulk_insert(Alert, _alerts(unit, ["c:1"], at), ignore_conflicts=True, key=("rule", "key"))
    again = bulk_insert(Alert, _alerts(unit, ["c:1", "c:2"], at), ignore_conflicts=True, key=("rule", "key"))
    assert [a.key for a in first] == ["c:1"] and [a.key for a in again] == ["c:2"]
    assert Alert.objects.filter(unit=unit, rule="milestone_overdue").count() == 2
    assert again[0].pk == Alert.objects.get(unit=unit, key="c:2").pk


def test_plain_rows_are_stored_as_bulk_create_stores_them_the_rest_by_default():
    """``insert_rows`` (the tick's raised warnings and deliveries): the columns named from tuples, every other
    column its default, the same stored values as ``bulk_create``'s; the ids come back in the rows' order."""
    unit, at = make_unit(), timezone.now().replace(microsecond=654321)
    by_django = Alert.objects.bulk_create(_alerts(unit, ["d:1", "d:2"], at))
    fields = ("rule", "key", "region", "unit_id", "level", "summary", "evidence", "raised_at", "refreshed_at")
    rows = [
        (
            a.rule,
            f"e:{n}",
            unit.region_id,
            unit.pk,
            a.level,
            a.summary,
            a.evidence,
            a.raised_at,
            a.refreshed_at,
        )
        for n, a in enumerate(_alerts(unit, ["d:1", "d:2"], at), start=1)
    ]
    back = insert_rows(Alert, fields, rows, returning=("id", "key"))
    assert [key for _, key in back] == ["e:1", "e:2"]
    ours = [pk for pk, _ in back]
    assert _rows(Alert, ours, leave=("id", "key")) == _rows(
        Alert, [a.pk for a in by_django], leave=("id", "key")
    )
    assert Alert.objects.get(pk=ours[0]).state == "open"  # a default, not NULL


def test_plain_rows_with_ignore_conflicts_return_only_the_rows_stored():
    unit, at = make_unit(), timezone.now()
    fields = ("rule", "key", "region_id", "unit_id", "level", "summary", "raised_at", "refreshed_at")

    def row(key):
        return ("milestone_overdue", key, unit.region_id, unit.pk, "red", "逾期", at, at)

    first = insert_rows(Alert, fields, [row("f:1")], ignore_conflicts=True, returning=("id", "key"))
    again = insert_rows(
        Alert, fields, [row("f:1"), row("f:2")], ignore_conflicts=True, returning=("id", "key")
    )
    assert [key for _, key in first] == ["f:1"] and [key for _, key in again] == ["f:2"]
    assert Alert.objects.filter(unit=unit, key__startswith="f:").count() == 2
