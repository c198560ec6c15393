"""三员分立 (GB/T 22239 level 3): the system, security and audit administrators are three people; none of them
holds a second duty or any business role. Refused by the service with a clear message, and by the database
for two duties even when a service is bypassed."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from taizhang.accounts.access import ANY_ROLE
from taizhang.accounts.models import ADMIN_ROLES, Role, RoleGrant
from taizhang.accounts.services import role_grant
from taizhang.lib.refusal import Refusal
from tests.factories import make_region, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("first", ADMIN_ROLES)
@pytest.mark.parametrize("second", ADMIN_ROLES)
def test_an_administrator_cannot_take_a_second_duty(first, second):
    region = make_region()
    admin = make_user(role=first, region=region)
    if first == second:
        with pytest.raises(Refusal):  # the same duty twice in another region is a second duty too
            role_grant(user=admin, role=second, region=make_region(), actor=None)
        return
    with pytest.raises(Refusal) as refused:
        role_grant(user=admin, role=second, region=region, actor=None)
    assert refused.value.code == "duties_apart" and "三员分立" in refused.value.zh
    assert list(RoleGrant.objects.filter(user=admin).values_list("role", flat=True)) == [first]


@pytest.mark.parametrize("admin_role", ADMIN_ROLES)
def test_administrators_and_business_roles_exclude_each_other(admin_role):
    region = make_region()
    admin = make_user(role=admin_role, region=region)
    with pytest.raises(Refusal):
        role_grant(user=admin, role=Role.OFFICE_ADMIN, region=region, actor=None)
    worker = make_user(role=Role.LIAISON)
    with pytest.raises(Refusal):
        role_grant(user=worker, role=admin_role, region=region, actor=None)


def test_the_database_refuses_a_second_duty_even_without_the_service():
    region = make_region()
    admin = make_user(role=Role.AUDIT_ADMIN, region=region)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=admin, role=Role.SECURITY_ADMIN, region=region)


def test_an_administrator_duty_is_held_over_a_region_not_a_unit():
    user = make_user()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=user, role=Role.SYSTEM_ADMIN, unit=user.unit)


def test_pages_for_any_role_are_for_the_business_roles_only():
    assert not set(ANY_ROLE) & set(ADMIN_ROLES)
    assert set(ANY_ROLE) | set(ADMIN_ROLES) == set(Role)


def test_the_same_role_over_the_same_scope_twice_is_refused_and_nothing_is_added():
    from django.core.exceptions import ValidationError

    user = make_user(role=Role.LIAISON)
    with pytest.raises(ValidationError):
        role_grant(user=user, role=Role.LIAISON, unit=user.unit, actor=None)
    assert RoleGrant.objects.filter(user=user).count() == 1


def test_a_grant_names_one_scope_and_an_administrator_a_region():
    from django.core.exceptions import ValidationError

    region = make_region()
    user = make_user()
    with pytest.raises(ValidationError):
        role_grant(user=user, role=Role.LEADER, unit=user.unit, region=region, actor=None)
    with pytest.raises(ValidationError):
        role_grant(user=user, role=Role.AUDIT_ADMIN, unit=user.unit, actor=None)
    assert not RoleGrant.objects.filter(user=user).exists()
