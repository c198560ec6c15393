"""``audit_deferred``: a long all-or-nothing write (人员导入) collects its entries and appends them when it
ends, so the chain head — the row every audited save locks — is held for their insert only; and an entry
recording many objects (``covers``) is found by each of them."""

import pytest
from django.db import connection, transaction

from taizhang.audit.models import AuditEvent
from taizhang.audit.services import (
    COVERS,
    audit_deferred,
    audit_entry,
    audit_record,
    audit_record_many,
    audit_record_values,
    audit_values,
)
from taizhang.audit.verify import chain_verify
from tests.elsewhere import elsewhere


def _values(n):
    at = AuditEvent().at
    return audit_values(model=None, action="test.values", at=at, place=(None, None), after={"n": n})


@pytest.mark.django_db
def test_entries_of_a_deferred_block_are_appended_at_its_end_in_order_and_verify():
    with transaction.atomic():
        audit_record(actor=None, action="test.before", obj=None)
        with audit_deferred():
            first = audit_record(actor=None, action="test.one", obj=None)
            entries = [audit_entry(actor=None, action="test.many", obj=None) for _ in range(3)]
            many = audit_record_many(entries)
            audit_record_values([_values(1), _values(2)])
            assert AuditEvent.objects.count() == 1 and first.pk is None  # nothing appended yet
        assert first.pk is not None and all(e.pk for e in many)
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["test.before", "test.one", *["test.many"] * 3, *["test.values"] * 2]
    assert AuditEvent.objects.get(pk=first.pk).hash == first.hash
    result = chain_verify()
    assert result.ok and result.entries == 7


@pytest.mark.django_db
def test_a_refusal_inside_a_deferred_block_appends_nothing():
    with pytest.raises(ValueError), transaction.atomic(), audit_deferred():
        audit_record(actor=None, action="test.one", obj=None)
        raise ValueError("refused")
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_an_entry_covering_many_objects_is_found_by_each():
    with transaction.atomic():
        values = {**_values(0), "object_type": "alerts.alert", COVERS: [7, 8]}
        (pk,) = audit_record_values([values])
        audit_record_values([{**_values(1), "object_type": "alerts.alert", "object_id": "8"}])
    assert list(AuditEvent.objects.about("alerts.alert", 7).values_list("pk", flat=True)) == [pk]
    assert AuditEvent.objects.about("alerts.alert", 8).count() == 2
    assert not AuditEvent.objects.about("alerts.alert", 9).exists()
    assert chain_verify().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's one writer waits for the whole write")
@pytest.mark.django_db(transaction=True)
def test_another_users_audited_save_does_not_wait_for_a_deferred_block():
    def save():
        with transaction.atomic():
            return audit_record(actor=None, action="test.elsewhere", obj=None).pk

    with transaction.atomic(), audit_deferred():
        audit_record(actor=None, action="test.long", obj=None)
        assert isinstance(elsewhere(save, timeout=10), int)  # the head is free until the block ends
    assert list(AuditEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "test.elsewhere",
        "test.long",
    ]
    assert chain_verify().ok
