"""assignment_decompose, the line's half: who may save a unit's decomposition of its line (责任领导, 责任人,
履责要求, 工作标准, 时限), which values it refuses, and what it records. The milestones go along unchanged."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Assignment
from taizhang.ledger.services import MilestoneIn, assignment_decompose
from taizhang.lib.concurrency import StaleEdit
from taizhang.plans.models import Plan
from tests.factories import make_assignment, make_milestone, make_unit, make_user

pytestmark = pytest.mark.django_db


def _update(
    assignment, *, expected_version=None, leader="王副局长", persons=("张三",), deadline=None, actor=None
):
    return assignment_decompose(
        assignment=assignment,
        actor=actor or make_user(unit=assignment.unit, role=Role.LIAISON),
        expected_version=assignment.version if expected_version is None else expected_version,
        responsible_leader=leader,
        responsible_persons=list(persons),
        duty_requirements="按季度报送",
        work_standard="制度健全、执行有力",
        deadline=deadline,
        milestones=[MilestoneIn(m.title, m.due_date, m.done_date) for m in assignment.milestones.all()],
    )


def test_update_saves_the_decomposition_and_bumps_the_version():
    line = make_assignment()
    _update(line, persons=[" 张三 ", "李四", ""], deadline=date(2021, 12, 31))
    line.refresh_from_db()
    assert line.version == 2
    assert (line.responsible_leader, line.responsible_persons) == ("王副局长", ["张三", "李四"])
    assert (line.duty_requirements, line.work_standard, line.deadline) == (
        "按季度报送",
        "制度健全、执行有力",
        date(2021, 12, 31),
    )


def test_the_audit_entry_holds_only_the_changed_fields():
    line = make_assignment(responsible_leader="王副局长")
    _update(line, persons=["张三"])
    event = AuditEvent.objects.get(action="assignment.update", object_id=str(line.pk))
    assert "responsible_leader" not in event.after
    assert event.before["responsible_persons"] == [] and event.after["responsible_persons"] == ["张三"]


def test_second_of_two_concurrent_edits_is_refused():
    first = make_assignment()
    second = Assignment.objects.get(pk=first.pk)  # another user opened the same line
    _update(first, leader="王副局长")
    with pytest.raises(StaleEdit) as refused:
        _update(second, leader="李副局长")
    assert "刷新" in str(refused.value) and "reload" not in str(refused.value)
    stored = Assignment.objects.get(pk=first.pk)
    assert (stored.responsible_leader, stored.version) == ("王副局长", 2)
    assert AuditEvent.objects.filter(action="assignment.update").count() == 1


@pytest.mark.parametrize("role", [Role.LIAISON, Role.UNIT_HEAD])
def test_the_units_own_liaison_and_head_may_edit(role):
    line = make_assignment()
    _update(line, actor=make_user(unit=line.unit, role=role), leader="李局长")
    line.refresh_from_db()
    assert line.responsible_leader == "李局长"


def test_the_office_of_the_region_may_edit():
    line = make_assignment()
    _update(line, actor=make_user(role=Role.OFFICE_ADMIN, region=line.unit.region), leader="李局长")
    line.refresh_from_db()
    assert line.responsible_leader == "李局长"


@pytest.mark.parametrize("who", ["other_liaison", "inspector", "leader", "no_role", "lead_unit_liaison"])
def test_nobody_else_may_edit(who):
    line = make_assignment(role=Assignment.Role.COOPERATING)
    region = line.unit.region
    lead = make_assignment(task=line.task, unit=make_unit(region=region), role=Assignment.Role.LEAD)
    actor = {
        "other_liaison": lambda: make_user(unit=make_unit(region=region), role=Role.LIAISON),
        "inspector": lambda: make_user(role=Role.INSPECTOR, region=region),
        "leader": lambda: make_user(role=Role.LEADER, region=region),
        "no_role": lambda: make_user(unit=line.unit),
        "lead_unit_liaison": lambda: make_user(unit=lead.unit, role=Role.LIAISON),
    }[who]()
    with pytest.raises(PermissionDenied):
        _update(line, actor=actor)
    assert Assignment.objects.get(pk=line.pk).version == 1
    assert not AuditEvent.objects.filter(action="assignment.update").exists()


def test_deadline_cannot_be_later_than_the_task_deadline():
    line = make_assignment()
    line.task.deadline_date = date(2021, 6, 30)
    line.task.save()
    with pytest.raises(ValidationError):
        _update(line, deadline=date(2021, 7, 1))
    _update(line, deadline=date(2021, 6, 30))


def test_deadline_cannot_be_earlier_than_a_milestone():
    line = make_assignment()
    make_milestone(assignment=line, due_date=date(2021, 9, 30))
    with pytest.raises(ValidationError):
        _update(line, deadline=date(2021, 9, 29))
    _update(line, deadline=date(2021, 9, 30))


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


def test_a_draft_plans_lines_are_edited_by_the_office_only():
    line = make_assignment()
    Plan.objects.filter(pk=line.task.plan_id).update(status=Plan.Status.DRAFT)
    line = Assignment.objects.select_related("task__plan").get(pk=line.pk)
    with pytest.raises(PermissionDenied):
        _update(line)
    _update(line, actor=make_user(role=Role.OFFICE_ADMIN, region=line.unit.region))
