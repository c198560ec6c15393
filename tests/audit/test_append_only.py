import pytest
from django.db.models.deletion import ProtectedError

from taizhang.audit.models import AppendOnly, AuditEvent
from tests.factories import make_user


@pytest.fixture
def event(db):
    return AuditEvent.objects.create(action="test.happened", object_repr="某对象", after={"a": 1})


def test_saved_event_cannot_be_changed(event):
    event.action = "test.rewritten"
    with pytest.raises(AppendOnly):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.happened"


def test_events_cannot_be_changed_in_bulk(event):
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action="test.rewritten")
    event.action = "test.rewritten"
    with pytest.raises(AppendOnly):
        AuditEvent.objects.bulk_update([event], ["action"])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.happened"


def test_event_cannot_be_deleted(event):
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_user_with_audit_history_cannot_be_deleted(db):
    user = make_user()
    AuditEvent.objects.create(actor=user, action="test.happened")
    with pytest.raises(ProtectedError):
        user.delete()
