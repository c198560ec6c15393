"""The evaluator's drill on the table itself: UPDATE and DELETE are refused by the database, whoever sends
them (raw SQL, or a plain QuerySet that skips the model's guard); only the archive's gate lets a DELETE by."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.models import QuerySet

from taizhang.audit.gate import archive_gate
from taizhang.audit.models import AuditAnchor, AuditEvent
from tests.audit.conftest import raw_sql


def _refused(sql: str, params=()) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw_sql(sql, params)


def test_raw_sql_update_is_refused_by_the_database(entries):
    _refused("UPDATE audit_auditevent SET action = 'rewritten' WHERE id = %s", [entries[2]])
    _refused("UPDATE audit_auditevent SET ip = NULL")
    assert AuditEvent.objects.get(pk=entries[2]).action == "test.entry"


def test_raw_sql_delete_is_refused_by_the_database(entries):
    _refused("DELETE FROM audit_auditevent WHERE id = %s", [entries[-1]])
    _refused("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.count() == len(entries)


def test_a_plain_queryset_that_skips_the_models_guard_is_refused(entries):
    with pytest.raises(DatabaseError), transaction.atomic():
        QuerySet(model=AuditEvent).filter(pk=entries[0]).update(action="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        QuerySet(model=AuditEvent).filter(pk=entries[0])._raw_delete(connection.alias)
    assert AuditEvent.objects.get(pk=entries[0]).action == "test.entry"


def test_signed_anchors_cannot_be_changed_or_removed(entries, keys):
    from taizhang.audit.services import audit_anchor

    anchor = audit_anchor()
    _refused("UPDATE audit_auditanchor SET event_id = 1 WHERE id = %s", [anchor.pk])
    _refused("DELETE FROM audit_auditanchor WHERE id = %s", [anchor.pk])
    assert AuditAnchor.objects.filter(pk=anchor.pk, event_id=entries[-1]).exists()


def test_the_archive_gate_lets_a_delete_through_in_its_own_transaction_only(entries):
    with transaction.atomic(), archive_gate():
        assert raw_sql("DELETE FROM audit_auditevent WHERE id = %s", [entries[0]]) == 1
    _refused("DELETE FROM audit_auditevent WHERE id = %s", [entries[1]])
    _refused("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [entries[1]])


@pytest.mark.django_db(transaction=True)
def test_the_gate_opens_only_inside_a_transaction():
    with pytest.raises(RuntimeError), archive_gate():
        pass
