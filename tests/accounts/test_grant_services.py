"""角色授权 and 重置密码 by the security administrator: within their region, never to themselves, the rules
of the roles kept (liaison on their own unit, 三员分立); a reset forces a change and ends the sessions."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from taizhang.accounts.models import Role, RoleGrant
from taizhang.accounts.services import password_reset_by_admin, role_grant_by_admin, role_revoke_by_admin
from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from tests.accounts.conftest import PASSWORD


def test_a_unit_role_is_granted_on_the_persons_unit_and_audited(office):
    grant = role_grant_by_admin(actor=office.secadmin, user=office.clerk_2, role=Role.LIAISON, unit=office.u2)
    assert grant.unit == office.u2
    assert AuditEvent.objects.filter(action="role.grant", actor=office.secadmin).exists()


def test_a_region_below_the_administrators_is_within_reach(office):
    role_grant_by_admin(actor=office.secadmin, user=office.clerk_2, role=Role.LEADER, region=office.district)
    assert RoleGrant.objects.filter(user=office.clerk_2, role=Role.LEADER, region=office.district).exists()


def test_a_grant_outside_the_administrators_region_is_refused(office):
    with pytest.raises(Refusal) as refused:
        role_grant_by_admin(actor=office.secadmin, user=office.clerk_2, role=Role.LEADER, region=office.other)
    assert refused.value.code == "outside_region"
    with pytest.raises(Refusal):  # nor a person of another region
        role_grant_by_admin(
            actor=office.secadmin, user=office.liaison_b, role=Role.LEADER, region=office.city
        )
    assert not RoleGrant.objects.filter(role=Role.LEADER).exists()


def test_a_liaison_only_on_their_own_unit(office):
    with pytest.raises(ValidationError):
        role_grant_by_admin(actor=office.secadmin, user=office.clerk_2, role=Role.LIAISON, unit=office.u1)


def test_granting_oneself_is_refused(office):
    with pytest.raises(Refusal) as refused:
        role_grant_by_admin(actor=office.secadmin, user=office.secadmin, role=Role.LEADER, region=office.city)
    assert refused.value.code == "self_action"


def test_admin_duties_are_granted_by_the_security_admin_and_kept_apart(office):
    role_grant_by_admin(
        actor=office.secadmin, user=office.clerk_2, role=Role.AUDIT_ADMIN, region=office.district
    )
    with pytest.raises(Refusal) as refused:  # a liaison cannot also be an administrator
        role_grant_by_admin(
            actor=office.secadmin, user=office.liaison_1, role=Role.SYSTEM_ADMIN, region=office.city
        )
    assert refused.value.code == "duties_apart"


def test_only_the_security_administrator_grants(office):
    with pytest.raises(PermissionDenied):
        role_grant_by_admin(actor=office.sysadmin, user=office.clerk_2, role=Role.LEADER, region=office.city)


def test_revoking_is_audited_and_not_of_ones_own_grant(office):
    grant = RoleGrant.objects.get(user=office.liaison_1)
    role_revoke_by_admin(actor=office.secadmin, grant=grant)
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    assert AuditEvent.objects.filter(action="role.revoke", actor=office.secadmin).exists()
    own = RoleGrant.objects.get(user=office.secadmin)
    with pytest.raises(Refusal):
        role_revoke_by_admin(actor=office.secadmin, grant=own)


def test_a_reset_gives_a_one_time_password_forces_a_change_and_ends_sessions(office):
    client = Client()
    assert client.login(username="liaison1", password=PASSWORD)
    password = password_reset_by_admin(actor=office.secadmin, user=office.liaison_1)
    office.liaison_1.refresh_from_db()
    assert office.liaison_1.check_password(password) and office.liaison_1.must_change_password
    assert not Session.objects.exists()
    event = AuditEvent.objects.get(action="user.password_reset")
    assert event.actor == office.secadmin and password not in str(event.after)
    fresh = Client()
    assert fresh.login(username="liaison1", password=password)
    assert fresh.get("/plans/")["Location"] == "/account/password/"


def test_resetting_ones_own_password_here_is_refused(office):
    with pytest.raises(Refusal):
        password_reset_by_admin(actor=office.secadmin, user=office.secadmin)
    with pytest.raises(PermissionDenied):
        password_reset_by_admin(actor=office.sysadmin, user=office.liaison_1)
