"""A user's scope (grants, regions below them, their units) is read once per request and kept on the user
object (``accounts.scope``); the services that change it make the memo stale, so the same request — or a
test holding the same user object — reads the change at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.accounts.models import Role, RoleGrant
from taizhang.accounts.selectors import (
    has_role,
    region_ids_in_scope,
    roles_held,
    unit_ids_in_scope,
    unit_scope_q,
)
from taizhang.accounts.services import role_grant, role_revoke
from taizhang.ledger.models import Assignment
from taizhang.units.models import Region, Unit
from taizhang.units.services import region_create, unit_create
from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    """A city with a district below it, a unit in each, and a unit elsewhere."""
    city = make_region()
    district = make_region(level=Region.Level.DISTRICT, parent=city)
    return city, district, make_unit(region=city), make_unit(region=district), make_unit()


def _ask_everything(user):
    for roles in ((), (Role.OFFICE_ADMIN,), (Role.LIAISON, Role.UNIT_HEAD), (Role.OFFICE_ADMIN,), ()):
        unit_ids_in_scope(user, *roles)
        region_ids_in_scope(user, *roles)
        has_role(user, *roles or (Role.LEADER,))
    roles_held(user)


def test_the_scope_is_read_once_however_often_it_is_asked(city, django_assert_num_queries):
    office = make_user(role=Role.OFFICE_ADMIN, region=city[0])
    office._taizhang_scope = None  # as a fresh request's user
    # The grants, one query per level of the region tree below the city (the district, then nothing), the
    # units of those regions.
    with django_assert_num_queries(4):
        _ask_everything(office)
    with django_assert_num_queries(0):
        _ask_everything(office)


def test_a_grant_in_the_same_request_is_seen_at_once(city):
    city_region, _, city_unit, district_unit, elsewhere = city
    user = make_user(unit=elsewhere)
    assert unit_ids_in_scope(user) == set()
    role_grant(user=user, role=Role.INSPECTOR, region=city_region, actor=None)
    assert unit_ids_in_scope(user) >= {city_unit.pk, district_unit.pk}
    assert roles_held(user) == {Role.INSPECTOR}


def test_a_grant_given_through_another_copy_of_the_user_is_seen_too(city):
    city_region, _, city_unit, *_ = city
    user = make_user()
    assert city_unit.pk not in unit_ids_in_scope(user)
    same_person = type(user).objects.get(pk=user.pk)  # e.g. the office's form loads the account afresh
    role_grant(user=same_person, role=Role.LEADER, region=city_region, actor=None)
    assert city_unit.pk in unit_ids_in_scope(user)
    assert has_role(user, Role.LEADER)


def test_a_revoked_grant_is_gone_at_once(city):
    office = make_user(role=Role.OFFICE_ADMIN, region=city[0])
    assert city[2].pk in unit_ids_in_scope(office, Role.OFFICE_ADMIN)
    role_revoke(grant=RoleGrant.objects.get(user=office), actor=None)
    assert unit_ids_in_scope(office, Role.OFFICE_ADMIN) == set()
    assert roles_held(office) == set()


def test_units_and_regions_created_under_a_granted_region_are_covered_at_once(city):
    city_region, district, *_ = city
    office = make_user(role=Role.OFFICE_ADMIN, region=city_region)
    before = unit_ids_in_scope(office)
    unit = unit_create(region=district, name="新设局", actor=office)
    town = region_create(name="新区", level=Region.Level.DISTRICT, parent=city_region, actor=office)
    assert unit_ids_in_scope(office) == before | {unit.pk}
    assert town.pk in region_ids_in_scope(office)


@pytest.mark.parametrize(
    "roles", [(), (Role.OFFICE_ADMIN,), (Role.LIAISON,), (Role.LIAISON, Role.UNIT_HEAD), (Role.LEADER,)]
)
def test_the_scope_as_a_filter_selects_the_units_the_scope_names(city, roles):
    city_region, district, city_unit, _, elsewhere = city
    user = make_user(unit=city_unit, role=Role.LIAISON)
    role_grant(user=user, role=Role.OFFICE_ADMIN, region=district, actor=None)
    role_grant(user=user, role=Role.LEADER, unit=elsewhere, actor=None)
    plan = make_plan(region=city_region, tasks_per_section=1)
    task = plan.tasks.get()
    for unit in Unit.objects.all():
        make_assignment(task=task, unit=unit)
    by_filter = set(
        Assignment.objects.filter(unit_scope_q(user, *roles), task=task).values_list("unit_id", flat=True)
    )
    assert by_filter == set(unit_ids_in_scope(user, *roles))
    by_path = set(
        Assignment.objects.filter(unit_scope_q(user, *roles, unit="unit"), task=task).values_list(
            "unit_id", flat=True
        )
    )
    assert by_path == by_filter


def test_an_anonymous_or_inactive_user_covers_nothing_and_matches_nothing(city):
    from django.contrib.auth.models import AnonymousUser

    office = make_user(role=Role.OFFICE_ADMIN, region=city[0])
    office.is_active = False
    for user in (AnonymousUser(), office):
        assert unit_ids_in_scope(user) == set() and region_ids_in_scope(user) == set()
        assert not Assignment.objects.filter(unit_scope_q(user)).exists()


def test_a_page_reads_the_grants_once(client, city):
    office = make_user(role=Role.OFFICE_ADMIN, region=city[0])
    plan = make_plan(region=city[0])
    make_assignment(task=plan.tasks.first(), unit=city[2])
    client.force_login(office)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plan_ledger", args=[plan.pk]))
    assert response.status_code == 200
    grants = [q for q in queries if 'FROM "accounts_rolegrant"' in q["sql"]]
    assert len(grants) == 1
