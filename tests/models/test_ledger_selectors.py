import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from taizhang.accounts.models import Role
from taizhang.ledger.selectors import assignment_get, assignment_list
from taizhang.plans.models import Plan
from tests.factories import make_assignment, make_plan, make_unit, make_user

pytestmark = pytest.mark.django_db


def test_liaison_reads_and_edits_own_units_line():
    line = make_assignment()
    liaison = make_user(unit=line.unit, role=Role.LIAISON)
    assert assignment_get(user=liaison, pk=line.pk, for_edit=True) == line


def test_liaison_cannot_read_another_units_line():
    line = make_assignment()
    outsider = make_user(unit=make_unit(region=line.unit.region), role=Role.LIAISON)
    assert not assignment_list(user=outsider).exists()
    with pytest.raises(Http404):
        assignment_get(user=outsider, pk=line.pk)


def test_inspector_reads_lines_in_scope_but_cannot_edit_them():
    line = make_assignment()
    inspector = make_user(role=Role.INSPECTOR, region=line.unit.region)
    assert assignment_get(user=inspector, pk=line.pk) == line
    with pytest.raises(PermissionDenied):
        assignment_get(user=inspector, pk=line.pk, for_edit=True)


def test_draft_plan_lines_are_seen_only_by_the_office():
    unit = make_unit()
    task = make_plan(region=unit.region, status=Plan.Status.DRAFT).tasks.first()
    line = make_assignment(task=task, unit=unit)
    liaison = make_user(unit=unit, role=Role.LIAISON)
    admin = make_user(role=Role.OFFICE_ADMIN, region=unit.region)
    assert list(assignment_list(user=liaison)) == []
    assert list(assignment_list(user=admin)) == [line]


def test_user_without_grants_sees_nothing():
    line = make_assignment()
    assert not assignment_list(user=make_user(unit=line.unit)).exists()
