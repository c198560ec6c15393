"""milestone_done: ticking a milestone off is an edit of the line, versioned and audited."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Assignment
from taizhang.ledger.services import milestone_done
from taizhang.lib.concurrency import StaleEdit
from tests.factories import make_milestone, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(date(2021, 4, 5))


@pytest.fixture
def milestone():
    return make_milestone(due_date=date(2021, 3, 31))


@pytest.fixture
def liaison(milestone):
    return make_user(unit=milestone.assignment.unit, role=Role.LIAISON)


def test_done_today_by_default_and_the_line_version_bumps(milestone, liaison):
    milestone_done(actor=liaison, milestone=milestone, expected_version=1)
    milestone.refresh_from_db()
    assert milestone.done_date == date(2021, 4, 5)
    assert Assignment.objects.get(pk=milestone.assignment_id).version == 2


def test_a_given_done_date_is_kept_and_audited(milestone, liaison):
    milestone_done(actor=liaison, milestone=milestone, expected_version=1, done_date=date(2021, 3, 30))
    event = AuditEvent.objects.get(action="milestone.done", object_id=str(milestone.pk))
    assert (event.before, event.after) == ({"done_date": None}, {"done_date": "2021-03-30"})


def test_a_done_date_in_the_future_is_refused(milestone, liaison):
    with pytest.raises(ValidationError):
        milestone_done(actor=liaison, milestone=milestone, expected_version=1, done_date=date(2021, 4, 6))


def test_a_milestone_already_done_is_refused(milestone, liaison):
    milestone_done(actor=liaison, milestone=milestone, expected_version=1)
    with pytest.raises(ValidationError):
        milestone_done(actor=liaison, milestone=milestone, expected_version=2)


def test_ticking_from_an_outdated_view_is_refused(milestone, liaison):
    with pytest.raises(StaleEdit):
        milestone_done(actor=liaison, milestone=milestone, expected_version=0)
    milestone.refresh_from_db()
    assert milestone.done_date is None


def test_another_unit_may_not_tick_it(milestone):
    outsider = make_user(unit=make_unit(region=milestone.assignment.unit.region), role=Role.LIAISON)
    with pytest.raises(PermissionDenied):
        milestone_done(actor=outsider, milestone=milestone, expected_version=1)
