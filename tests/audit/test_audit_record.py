import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from taizhang.accounts.models import Role
from taizhang.audit.context import AuditSourceMiddleware, audit_source
from taizhang.audit.models import AuditEvent
from taizhang.audit.services import audit_record, snapshot
from taizhang.ledger.models import Assignment
from taizhang.ledger.services import assignment_decompose
from tests.factories import make_assignment, make_user


class Boom(Exception):
    pass


def _update(assignment, actor, leader):
    return assignment_decompose(
        assignment=assignment,
        actor=actor,
        expected_version=assignment.version,
        responsible_leader=leader,
        responsible_persons=["张三"],
        duty_requirements="",
        work_standard="",
        deadline=None,
        milestones=[],
    )


@pytest.mark.django_db(transaction=True)
def test_change_and_event_roll_back_together():
    assignment = make_assignment()
    actor = make_user(unit=assignment.unit, role=Role.LIAISON)
    events_before = AuditEvent.objects.count()
    with pytest.raises(Boom), transaction.atomic():
        _update(assignment, actor, "王副局长")
        assert AuditEvent.objects.filter(action="assignment.update").exists()
        raise Boom  # anything after the service in the same request fails
    stored = Assignment.objects.get(pk=assignment.pk)
    assert stored.responsible_leader == ""
    assert stored.version == 1
    assert AuditEvent.objects.count() == events_before


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction():
    assignment = make_assignment()
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="assignment.touch", obj=assignment)
    assert not AuditEvent.objects.filter(action="assignment.touch").exists()


def test_service_event_names_actor_object_changes_and_source(db):
    assignment = make_assignment()
    actor = make_user(unit=assignment.unit, role=Role.LIAISON)
    with audit_source("10.0.0.7"):
        _update(assignment, actor, "王副局长")
    event = AuditEvent.objects.get(action="assignment.update")
    assert event.actor == actor
    assert (event.object_type, event.object_id) == ("ledger.assignment", str(assignment.pk))
    assert event.before == {"responsible_leader": "", "responsible_persons": []}
    assert event.after == {"responsible_leader": "王副局长", "responsible_persons": ["张三"]}
    assert event.source == "10.0.0.7"


def test_anonymous_actor_is_recorded_as_nobody(db):
    assignment = make_assignment()
    with transaction.atomic():
        event = audit_record(actor=AnonymousUser(), action="assignment.view", obj=assignment)
    assert event.actor is None


def test_snapshot_of_dates_and_keys_survives_the_json_column(db):
    assignment = make_assignment()
    with transaction.atomic():
        event = audit_record(
            actor=None, action="assignment.create", obj=assignment, after=snapshot(assignment)
        )
    event.refresh_from_db()
    assert event.after["task_id"] == assignment.task_id
    assert event.after["created_at"].startswith(str(assignment.created_at.year))


def test_middleware_records_the_client_address_and_that_it_came_from_the_web(db):
    assignment = make_assignment()

    def view(request):
        with transaction.atomic():
            audit_record(actor=None, action="assignment.view", obj=assignment)
        return HttpResponse()

    request = RequestFactory().get("/", REMOTE_ADDR="192.168.1.20", HTTP_X_FORWARDED_FOR="1.2.3.4")
    AuditSourceMiddleware(view)(request)
    event = AuditEvent.objects.get(action="assignment.view")
    assert (event.ip, event.source) == ("192.168.1.20", "web")
