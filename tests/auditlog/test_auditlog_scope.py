"""Who reads the audit log, and which entries: the audit administrator, of their region and below."""

import pytest
from django.urls import reverse

from tests.auditlog.helpers import add_entries

pytestmark = pytest.mark.django_db


def _actions(client, user):
    client.force_login(user)
    response = client.get(reverse("audit_log"))
    assert response.status_code == 200
    return {row["entry"].action for row in response.context["rows"]}


@pytest.fixture
def placed(land):
    add_entries(1, action="in.city_a", region_ref=land.city_a.pk)
    add_entries(1, action="in.district_a", region_ref=land.district_a.pk)
    add_entries(1, action="in.city_b", region_ref=land.city_b.pk)
    add_entries(1, action="nowhere", region_ref=None)
    return land


def test_a_city_audit_administrator_reads_the_city_and_below_only(client, placed):
    assert _actions(client, placed.auditor_a) >= {"in.city_a", "in.district_a"}
    assert not _actions(client, placed.auditor_a) & {"in.city_b", "nowhere"}


def test_the_root_regions_audit_administrator_reads_everything_and_what_is_placed_nowhere(client, placed):
    assert _actions(client, placed.auditor_root) >= {"in.city_a", "in.district_a", "in.city_b", "nowhere"}


@pytest.mark.parametrize("person", ["sysadmin_a", "office_a", "clerk_a"])
def test_nobody_but_the_audit_administrator_opens_the_log_or_its_export(client, placed, person):
    client.force_login(getattr(placed, person))
    assert client.get(reverse("audit_log")).status_code == 403
    assert client.get(reverse("audit_log_export")).status_code == 403


def test_the_log_is_in_the_audit_administrators_navigation_only(client, placed):
    client.force_login(placed.auditor_a)
    assert reverse("audit_log") in client.get(reverse("audit_log")).content.decode()
    client.force_login(placed.office_a)
    assert reverse("audit_log") not in client.get(reverse("plan_list")).content.decode()


def test_with_two_root_regions_each_root_administrator_reads_only_their_own_tree(client, placed):
    from taizhang.accounts.models import Role
    from tests.factories import make_region, make_unit, make_user

    other_root = make_region(name="另一省", level="province")
    auditor_other = make_user(unit=make_unit(region=other_root), role=Role.AUDIT_ADMIN, region=other_root)
    add_entries(1, action="in.other_root", region_ref=other_root.pk)
    assert "in.other_root" not in _actions(client, placed.auditor_root)
    assert _actions(client, auditor_other) >= {"in.other_root", "nowhere"}
    assert not _actions(client, auditor_other) & {"in.city_a", "in.city_b"}
