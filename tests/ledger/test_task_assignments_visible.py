"""task_assignments_visible, and the lead unit's view of its cooperating units' lines; also list/get."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from taizhang.accounts.models import Role
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_get, assignment_list, task_assignments_visible
from tests.factories import make_assignment, make_unit, make_user

pytestmark = pytest.mark.django_db

LEAD, COOPERATING = Assignment.Role.LEAD, Assignment.Role.COOPERATING


@pytest.fixture
def task_lines():
    """One task led by one unit with two cooperating units, and a second task of the same plan where the
    lead unit only cooperates and another unit leads."""
    lead = make_assignment(role=LEAD, responsible_leader="王副局长")
    region, task = lead.unit.region, lead.task
    coop_a = make_assignment(
        task=task, unit=make_unit(region=region), role=COOPERATING, work_standard="按月调度"
    )
    coop_b = make_assignment(task=task, unit=make_unit(region=region), role=COOPERATING)
    other_task = task.plan.tasks.exclude(pk=task.pk).first()
    other_lead = make_assignment(task=other_task, unit=coop_a.unit, role=LEAD)
    other_coop = make_assignment(task=other_task, unit=lead.unit, role=COOPERATING)
    third = make_assignment(task=other_task, unit=coop_b.unit, role=COOPERATING)
    return lead, coop_a, coop_b, other_lead, other_coop, third


@pytest.mark.parametrize("role", [Role.LIAISON, Role.UNIT_HEAD])
def test_the_lead_unit_sees_what_its_cooperating_units_wrote(task_lines, role):
    lead, coop_a, coop_b, *_ = task_lines
    user = make_user(unit=lead.unit, role=role)
    lines = list(task_assignments_visible(user=user, task=lead.task))
    assert lines == [lead, coop_a, coop_b]  # the lead line first
    assert lines[1].work_standard == "按月调度"


def test_a_cooperating_unit_sees_only_its_own_line_of_the_task(task_lines):
    lead, coop_a, *_ = task_lines
    user = make_user(unit=coop_a.unit, role=Role.LIAISON)
    assert list(task_assignments_visible(user=user, task=lead.task)) == [coop_a]


def test_the_lead_unit_does_not_see_the_other_units_lines_of_a_task_it_only_cooperates_on(task_lines):
    lead, _, _, other_lead, other_coop, third = task_lines
    user = make_user(unit=lead.unit, role=Role.LIAISON)
    assert list(task_assignments_visible(user=user, task=other_lead.task)) == [other_coop]
    with pytest.raises(Http404):
        assignment_get(user=user, pk=third.pk)


def test_a_unit_without_a_line_on_the_task_gets_404(task_lines):
    lead, *_ = task_lines
    outsider = make_user(unit=make_unit(region=lead.unit.region), role=Role.LIAISON)
    with pytest.raises(Http404):
        task_assignments_visible(user=outsider, task=lead.task)


def test_the_office_sees_every_line_of_the_task_in_its_region(task_lines):
    lead, coop_a, coop_b, *_ = task_lines
    office = make_user(role=Role.OFFICE_ADMIN, region=lead.unit.region)
    assert list(task_assignments_visible(user=office, task=lead.task)) == [lead, coop_a, coop_b]


def test_the_lead_unit_reads_a_cooperating_line_but_may_not_edit_it(task_lines):
    lead, coop_a, *_ = task_lines
    user = make_user(unit=lead.unit, role=Role.LIAISON)
    assert assignment_get(user=user, pk=coop_a.pk) == coop_a
    with pytest.raises(PermissionDenied):
        assignment_get(user=user, pk=coop_a.pk, for_edit=True)


def test_assignment_list_includes_the_led_tasks_cooperating_lines(task_lines):
    lead, coop_a, coop_b, _, other_coop, _ = task_lines
    user = make_user(unit=lead.unit, role=Role.LIAISON)
    assert set(assignment_list(user=user)) == {lead, coop_a, coop_b, other_coop}
