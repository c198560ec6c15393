from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Assignment
from taizhang.ledger.services import assignment_update
from taizhang.lib.concurrency import StaleEdit
from taizhang.plans.models import Plan
from tests.factories import make_assignment, make_user

pytestmark = pytest.mark.django_db


def _update(
    assignment, *, expected_version=None, leader="王副局长", persons=("张三",), deadline=None, actor=None
):
    return assignment_update(
        assignment=assignment,
        actor=actor or make_user(unit=assignment.unit),
        expected_version=assignment.version if expected_version is None else expected_version,
        responsible_leader=leader,
        responsible_persons=list(persons),
        duty_requirements="按季度报送",
        work_standard="",
        deadline=deadline,
    )


def test_a_unit_has_one_line_per_task():
    line = make_assignment()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(task=line.task, unit=line.unit, role=Assignment.Role.COOPERATING)


def test_another_unit_may_share_the_task():
    line = make_assignment()
    other = make_assignment(task=line.task, role=Assignment.Role.COOPERATING)
    assert line.task.assignments.count() == 2 and other.unit != line.unit


def test_update_saves_the_decomposition_and_bumps_the_version():
    line = make_assignment()
    _update(line, persons=[" 张三 ", "李四", ""])
    line.refresh_from_db()
    assert line.version == 2
    assert line.responsible_persons == ["张三", "李四"]
    assert AuditEvent.objects.filter(action="assignment.update", object_id=str(line.pk)).count() == 1


def test_second_of_two_concurrent_edits_is_refused():
    first = make_assignment()
    second = Assignment.objects.get(pk=first.pk)  # another user opened the same line
    _update(first, leader="王副局长")
    with pytest.raises(StaleEdit) as refused:
        _update(second, leader="李副局长")
    assert "刷新" in str(refused.value) and "reload" in str(refused.value)
    stored = Assignment.objects.get(pk=first.pk)
    assert (stored.responsible_leader, stored.version) == ("王副局长", 2)
    assert AuditEvent.objects.filter(action="assignment.update").count() == 1


def test_deadline_cannot_be_later_than_the_task_deadline():
    line = make_assignment()
    line.task.deadline_date = date(2021, 6, 30)
    line.task.save()
    with pytest.raises(ValidationError):
        _update(line, deadline=date(2021, 7, 1))
    _update(line, deadline=date(2021, 6, 30))


def test_duplicate_persons_are_refused():
    line = make_assignment()
    with pytest.raises(ValidationError):
        _update(line, persons=["张三", "张三"])


def test_archived_plan_lines_are_frozen():
    line = make_assignment()
    Plan.objects.filter(pk=line.task.plan_id).update(status=Plan.Status.ARCHIVED)
    line = Assignment.objects.select_related("task__plan").get(pk=line.pk)
    with pytest.raises(ValidationError):
        _update(line)
