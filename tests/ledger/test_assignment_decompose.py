"""assignment_decompose: the decomposition form's fields and milestones as one versioned, audited edit."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Assignment
from taizhang.ledger.services import MilestoneIn, assignment_decompose
from taizhang.lib.concurrency import StaleEdit
from tests.factories import make_assignment, make_milestone, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def line():
    line = make_assignment(deadline=date(2021, 12, 31), responsible_leader="李副主任")
    make_milestone(assignment=line, title="制定实施方案", due_date=date(2021, 11, 30))
    return Assignment.objects.get(pk=line.pk)


@pytest.fixture
def liaison(line):
    return make_user(unit=line.unit, role=Role.LIAISON)


def _decompose(line, actor, **changes):
    fields = {
        "responsible_leader": line.responsible_leader,
        "responsible_persons": list(line.responsible_persons),
        "duty_requirements": line.duty_requirements,
        "work_standard": line.work_standard,
        "deadline": line.deadline,
        "milestones": [MilestoneIn(m.title, m.due_date, m.done_date) for m in line.milestones.all()],
        "expected_version": line.version,
    } | changes
    return assignment_decompose(assignment=line, actor=actor, **fields)


def _stored(line):
    saved = Assignment.objects.get(pk=line.pk)
    return saved, [(m.title, m.due_date) for m in saved.milestones.order_by("order")]


def test_fields_and_milestones_are_saved_as_one_version(line, liaison):
    _decompose(
        line,
        liaison,
        responsible_leader=" 陈副主任 ",
        responsible_persons=["王五", " 赵六 "],
        milestones=[MilestoneIn("印发方案", date(2021, 6, 30))],
    )
    saved, milestones = _stored(line)
    assert (saved.responsible_leader, saved.responsible_persons) == ("陈副主任", ["王五", "赵六"])
    assert milestones == [("印发方案", date(2021, 6, 30))]
    assert saved.version == 2 and line.version == 2


def test_milestones_are_checked_against_the_deadline_saved_with_them(line, liaison):
    _decompose(
        line, liaison, deadline=date(2021, 6, 30), milestones=[MilestoneIn("印发方案", date(2021, 5, 31))]
    )
    assert _stored(line)[0].deadline == date(2021, 6, 30)


def test_a_milestone_after_the_new_deadline_refuses_the_whole_edit(line, liaison):
    with pytest.raises(ValidationError, match="不能晚于完成时限 2021-06-30"):
        _decompose(line, liaison, responsible_leader="陈副主任", deadline=date(2021, 6, 30))
    saved, milestones = _stored(line)
    assert saved.responsible_leader == "李副主任" and saved.version == 1
    assert milestones == [("制定实施方案", date(2021, 11, 30))]


def test_a_stale_version_saves_nothing_and_audits_nothing(line, liaison):
    Assignment.objects.filter(pk=line.pk).update(version=2)
    with pytest.raises(StaleEdit):
        _decompose(line, liaison, responsible_leader="陈副主任", milestones=[], expected_version=1)
    saved, milestones = _stored(line)
    assert saved.responsible_leader == "李副主任" and len(milestones) == 1
    assert not AuditEvent.objects.filter(action__in=["assignment.update", "milestone.set"]).exists()


def test_the_audit_trail_gets_what_the_two_services_would_write(line, liaison):
    _decompose(
        line, liaison, work_standard="方案印发", milestones=[MilestoneIn("印发方案", date(2021, 6, 30))]
    )
    update = AuditEvent.objects.get(action="assignment.update", object_id=str(line.pk))
    assert update.before == {"work_standard": ""} and update.after == {"work_standard": "方案印发"}
    replaced = AuditEvent.objects.get(action="milestone.set", object_id=str(line.pk))
    assert [m["title"] for m in replaced.before["milestones"]] == ["制定实施方案"]
    assert [m["title"] for m in replaced.after["milestones"]] == ["印发方案"]


def test_unchanged_milestones_are_kept_and_not_audited(line, liaison):
    kept = list(line.milestones.values_list("pk", flat=True))
    _decompose(line, liaison, responsible_leader="陈副主任")
    assert list(Assignment.objects.get(pk=line.pk).milestones.values_list("pk", flat=True)) == kept
    assert not AuditEvent.objects.filter(action="milestone.set").exists()


def test_lead_unit_may_not_decompose_a_cooperating_units_line(line):
    other = make_user(role=Role.LIAISON)
    with pytest.raises(PermissionDenied):
        _decompose(line, other, responsible_leader="陈副主任")
    assert _stored(line)[0].version == 1
