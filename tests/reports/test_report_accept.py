"""report_accept: an office admin whose region covers the unit accepts an approved report."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import Role
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.workflow import report_accept
from taizhang.units.models import Region
from tests.factories import make_region, make_user

pytestmark = pytest.mark.django_db


def test_the_office_of_a_region_above_the_unit_accepts(approved, line):
    province = make_region(level=Region.Level.PROVINCE)
    Region.objects.filter(pk=line.unit.region_id).update(parent=province)
    office = make_user(role=Role.OFFICE_ADMIN, region=province)
    report_accept(actor=office, report=approved, expected_version=approved.version)
    assert ProgressReport.objects.get(pk=approved.pk).review_state == ReviewState.ACCEPTED


def test_the_office_of_another_region_may_not_accept(approved):
    other_office = make_user(role=Role.OFFICE_ADMIN, region=make_region())
    with pytest.raises(PermissionDenied):
        report_accept(actor=other_office, report=approved, expected_version=approved.version)


@pytest.mark.parametrize("role", [Role.LEADER, Role.INSPECTOR])
def test_leaders_and_inspectors_of_the_region_may_not_accept(approved, line, role):
    with pytest.raises(PermissionDenied):
        report_accept(
            actor=make_user(role=role, region=line.unit.region), report=approved, expected_version=3
        )
