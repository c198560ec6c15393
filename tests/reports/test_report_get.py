"""report_get: one report by id. Out of scope → 404; visible but not the user's to edit → 403."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from taizhang.accounts.models import Role
from taizhang.ledger.models import Assignment
from taizhang.reports.selectors import report_get
from tests.factories import make_assignment, make_unit, make_user

pytestmark = pytest.mark.django_db


def test_the_liaison_reads_and_edits_their_units_draft(draft, liaison):
    assert report_get(user=liaison, pk=draft.pk, for_edit=True) == draft


def test_a_liaison_of_another_unit_cannot_read_the_report_by_id(submitted, line):
    outsider = make_user(unit=make_unit(region=line.unit.region), role=Role.LIAISON)
    with pytest.raises(Http404):
        report_get(user=outsider, pk=submitted.pk)


def test_an_id_that_does_not_exist_is_404_as_well(liaison):
    with pytest.raises(Http404):
        report_get(user=liaison, pk=999_999)


def test_a_submitted_report_is_read_only_even_for_its_liaison(submitted, liaison):
    assert report_get(user=liaison, pk=submitted.pk) == submitted
    with pytest.raises(PermissionDenied):
        report_get(user=liaison, pk=submitted.pk, for_edit=True)


def test_a_returned_report_is_editable_again(returned, liaison):
    assert report_get(user=liaison, pk=returned.pk, for_edit=True) == returned


@pytest.mark.parametrize("who", ["head", "office"])
def test_reviewers_read_but_do_not_edit(request, submitted, who):
    reviewer = request.getfixturevalue(who)
    assert report_get(user=reviewer, pk=submitted.pk) == submitted
    with pytest.raises(PermissionDenied):
        report_get(user=reviewer, pk=submitted.pk, for_edit=True)


def test_the_lead_unit_reads_its_cooperating_units_report_but_may_not_edit_it(submitted, line):
    lead_line = make_assignment(
        task=line.task, unit=make_unit(region=line.unit.region), role=Assignment.Role.LEAD
    )
    lead_liaison = make_user(unit=lead_line.unit, role=Role.LIAISON)
    assert report_get(user=lead_liaison, pk=submitted.pk) == submitted
    with pytest.raises(PermissionDenied):
        report_get(user=lead_liaison, pk=submitted.pk, for_edit=True)


def test_the_office_does_not_see_a_draft_never_sent(draft, office):
    with pytest.raises(Http404):
        report_get(user=office, pk=draft.pk)
