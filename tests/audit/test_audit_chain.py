"""Each entry's hash is SM3(previous hash || its canonical content), whichever way it is written; the content
covers every field; concurrent writers keep one valid chain."""

import threading

import pytest
from django.db import connection, transaction
from django.utils import timezone

from taizhang.audit.chain import FIELDS, GENESIS, content, link
from taizhang.audit.models import AuditChainHead, AuditEvent
from taizhang.audit.verify import chain_verify
from taizhang.lib.gm import sm3
from tests.audit.conftest import write_entries


def test_each_entry_links_to_the_one_before_it(db):
    ids = write_entries(3)
    rows = list(AuditEvent.objects.filter(pk__in=ids).order_by("id"))
    assert rows[0].hash == sm3(GENESIS.encode() + content(rows[0].chain_values()))
    assert rows[1].hash == link(rows[0].hash, rows[1].chain_values())
    assert rows[2].hash == link(rows[1].hash, rows[2].chain_values())
    head = AuditChainHead.objects.get()
    assert (head.last_id, head.last_hash) == (ids[-1], rows[2].hash)


def test_bulk_writes_are_linked_in_order(db):
    made = AuditEvent.objects.bulk_create(AuditEvent(action="test.bulk", after={"n": i}) for i in range(5))
    assert [e.pk for e in made] == sorted(e.pk for e in made)
    assert chain_verify().entries == 5


def test_the_hash_covers_every_field(db):
    entry = AuditEvent(
        at=timezone.now(),
        actor_id=None,
        action="a",
        object_type="t",
        object_id="1",
        object_repr="r",
        before={"x": 1},
        after={"x": 2},
        source="web",
        ip="10.0.0.1",
        result="success",
        unit_ref=1,
        region_ref=2,
    )
    values = entry.chain_values()
    changed = {
        "at": values["at"].replace(microsecond=(values["at"].microsecond + 1) % 1_000_000),
        "actor_id": 7,
        "action": "b",
        "object_type": "u",
        "object_id": "2",
        "object_repr": "s",
        "before": {"x": 3},
        "after": {"x": 4},
        "source": "api",
        "ip": "10.0.0.2",
        "result": "failure",
        "unit_ref": 3,
        "region_ref": 4,
    }
    assert set(changed) == set(FIELDS)
    for name, value in changed.items():
        assert link(GENESIS, {**values, name: value}) != link(GENESIS, values), name


def test_times_are_hashed_in_utc_whatever_the_zone(db):
    entry = AuditEvent(action="a")
    values = entry.chain_values()
    shanghai = values["at"].astimezone(timezone.get_default_timezone())
    assert link(GENESIS, {**values, "at": shanghai}) == link(GENESIS, values)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite takes one writer at a time anyway")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_valid_chain():
    from taizhang.audit.services import audit_record

    errors = []

    def writer(n):
        try:
            for i in range(20):
                with transaction.atomic():
                    audit_record(actor=None, action="test.concurrent", obj=None, after={"w": n, "i": i})
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    result = chain_verify()
    assert result.ok and result.entries == 80
