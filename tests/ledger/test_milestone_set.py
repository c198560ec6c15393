"""milestone_set: the unit's milestones (进度目标) replaced as one versioned, audited edit of its line."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Assignment, Milestone
from taizhang.ledger.services import MilestoneIn, milestone_set
from taizhang.lib.concurrency import StaleEdit
from tests.factories import make_assignment, make_milestone, make_unit, make_user

pytestmark = pytest.mark.django_db

PLAN = [MilestoneIn("制定实施方案", date(2021, 3, 31)), MilestoneIn("召开推进会", date(2021, 6, 30))]


@pytest.fixture
def line():
    return make_assignment(deadline=date(2021, 12, 31))


@pytest.fixture
def liaison(line):
    return make_user(unit=line.unit, role=Role.LIAISON)


def _set(line, actor, milestones=PLAN, expected_version=None):
    return milestone_set(
        actor=actor,
        assignment=line,
        milestones=list(milestones),
        expected_version=line.version if expected_version is None else expected_version,
    )


def test_milestones_are_replaced_in_the_order_given(line, liaison):
    make_milestone(assignment=line, title="旧目标")
    _set(line, liaison)
    stored = list(line.milestones.order_by("order").values_list("title", "due_date", "order"))
    assert stored == [("制定实施方案", date(2021, 3, 31), 0), ("召开推进会", date(2021, 6, 30), 1)]


def test_setting_milestones_bumps_the_lines_version(line, liaison):
    _set(line, liaison)
    assert line.version == 2 and Assignment.objects.get(pk=line.pk).version == 2


def test_the_audit_entry_holds_the_list_before_and_after(line, liaison):
    make_milestone(assignment=line, title="旧目标", due_date=date(2021, 5, 1))
    _set(line, liaison)
    event = AuditEvent.objects.get(action="milestone.set", object_id=str(line.pk))
    assert [m["title"] for m in event.before["milestones"]] == ["旧目标"]
    assert [m["title"] for m in event.after["milestones"]] == ["制定实施方案", "召开推进会"]
    assert event.after["milestones"][0]["due_date"] == "2021-03-31"


def test_an_empty_list_clears_the_milestones(line, liaison):
    make_milestone(assignment=line)
    _set(line, liaison, milestones=[])
    assert not line.milestones.exists()


def test_second_of_two_concurrent_edits_is_refused_and_changes_nothing(line, liaison):
    theirs = Assignment.objects.get(pk=line.pk)
    _set(line, liaison)
    with pytest.raises(StaleEdit):
        _set(theirs, liaison, milestones=[MilestoneIn("别人的目标", date(2021, 5, 1))])
    assert list(Milestone.objects.filter(assignment=line).values_list("title", flat=True)) == [
        "制定实施方案",
        "召开推进会",
    ]
    assert AuditEvent.objects.filter(action="milestone.set").count() == 1


def test_a_milestone_after_the_lines_deadline_is_refused_and_nothing_changes(line, liaison):
    make_milestone(assignment=line, title="旧目标")
    with pytest.raises(ValidationError) as refused:
        _set(line, liaison, milestones=[MilestoneIn("太晚", date(2022, 1, 1))])
    assert "第 1 项" in refused.value.messages[0]
    assert list(line.milestones.values_list("title", flat=True)) == ["旧目标"]
    assert Assignment.objects.get(pk=line.pk).version == 1


@pytest.mark.parametrize("title", ["", "   ", "长" * 201])
def test_a_milestone_needs_a_short_title(line, liaison, title):
    with pytest.raises(ValidationError):
        _set(line, liaison, milestones=[MilestoneIn(title, date(2021, 3, 31))])


def test_a_done_date_in_the_future_is_refused(line, liaison, time_machine):
    time_machine.move_to(date(2021, 4, 5))
    with pytest.raises(ValidationError):
        _set(line, liaison, milestones=[MilestoneIn("会议", date(2021, 3, 31), done_date=date(2021, 5, 1))])


def test_another_unit_may_not_set_the_milestones(line):
    outsider = make_user(unit=make_unit(region=line.unit.region), role=Role.LIAISON)
    with pytest.raises(PermissionDenied):
        _set(line, outsider)
    assert not line.milestones.exists()
