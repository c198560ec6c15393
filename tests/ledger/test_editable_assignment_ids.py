"""editable_assignment_ids, the pages' edit links for many lines at once, agrees with may_edit_assignment."""

import pytest

from taizhang.accounts.models import Role
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_list, editable_assignment_ids, may_edit_assignment
from taizhang.plans.models import Plan
from tests.factories import make_assignment, make_plan, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines():
    """In one city: A leads and B cooperates on a task of a draft, a published and an archived plan."""
    unit_a = make_unit()
    unit_b = make_unit(region=unit_a.region)
    for status in Plan.Status:
        task = make_plan(region=unit_a.region, status=status).tasks.first()
        make_assignment(task=task, unit=unit_a)
        make_assignment(task=task, unit=unit_b, role=Assignment.Role.COOPERATING)
    return unit_a, unit_b


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("own", [True, False])
def test_editable_ids_match_may_edit_for_every_role(lines, role, own):
    unit_a, unit_b = lines
    if role in (Role.LIAISON, Role.UNIT_HEAD):
        user = make_user(unit=unit_a if own else unit_b, role=role)
    else:
        user = make_user(unit=unit_a, role=role, region=unit_a.region)
    visible = list(assignment_list(user=user))
    expected = {line.pk for line in visible if may_edit_assignment(user, line)}
    assert editable_assignment_ids(user=user, lines=visible) == expected
