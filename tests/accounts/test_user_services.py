"""用户管理 services: the system administrator creates (a one-time password, changed at first sign-in),
edits, disables and re-enables the accounts of their region and below; each write audited; a duplicate
username, a unit beyond the region, one's own account refused."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.test import Client

from taizhang.accounts.models import User
from taizhang.accounts.services import (
    user_create,
    user_create_by_admin,
    user_disable,
    user_enable,
    user_update,
)
from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from tests.accounts.conftest import PASSWORD


def _create(office, **kw):
    data = {"username": "zhangsan", "display_name": "张三", "unit": office.u2, "email": "zs@example.cn",
            "mobile": "13800000000"} | kw  # fmt: skip
    return user_create_by_admin(actor=office.sysadmin, **data)


def test_a_new_account_gets_a_one_time_password_it_must_change(office):
    user, password = _create(office)
    user.refresh_from_db()
    assert user.check_password(password) and user.must_change_password
    assert password not in user.password  # stored hashed only
    assert (user.unit, user.email, user.mobile) == (office.u2, "zs@example.cn", "13800000000")
    assert not user.is_superuser and not user.is_staff
    event = AuditEvent.objects.get(action="user.create", object_id=str(user.pk))
    assert event.actor == office.sysadmin and password not in str(event.after)


def test_a_duplicate_username_is_refused_whatever_its_case(office):
    with pytest.raises(Refusal) as refused:
        _create(office, username="LIAISON1")
    assert refused.value.code == "username_taken" and "已被使用" in refused.value.zh
    assert User.objects.filter(username__iexact="liaison1").count() == 1


def test_a_unit_outside_the_administrators_region_is_refused(office):
    with pytest.raises(Refusal) as refused:
        _create(office, unit=office.ub)
    assert refused.value.code == "outside_region"
    assert not User.objects.filter(username="zhangsan").exists()


def test_only_a_system_administrator_creates_accounts(office):
    for actor in (office.secadmin, office.auditor, office.liaison_1):
        with pytest.raises(PermissionDenied):
            user_create_by_admin(actor=actor, username="x1", display_name="x", unit=office.u1)


def test_editing_changes_name_unit_and_contact_and_is_audited(office):
    user_update(
        actor=office.sysadmin, user=office.clerk_2, display_name="李四四", unit=office.u1,
        email="ls@example.cn", mobile="13900000000",
    )  # fmt: skip
    office.clerk_2.refresh_from_db()
    assert (office.clerk_2.display_name, office.clerk_2.unit, office.clerk_2.mobile) == (
        "李四四", office.u1, "13900000000"
    )  # fmt: skip
    event = AuditEvent.objects.get(action="user.update")
    assert event.before["display_name"] == "李四" and event.after["display_name"] == "李四四"


def test_a_liaison_is_not_moved_to_another_unit_while_holding_the_role(office):
    with pytest.raises(Refusal) as refused:
        user_update(actor=office.sysadmin, user=office.liaison_1, display_name="王", unit=office.u2)
    assert refused.value.code == "unit_roles_held"


def test_an_account_of_another_region_cannot_be_edited(office):
    with pytest.raises(Refusal) as refused:
        user_update(actor=office.sysadmin, user=office.liaison_b, display_name="x", unit=None)
    assert refused.value.code == "outside_region"


def test_a_disabled_account_cannot_sign_in_and_its_sessions_end(office):
    client = Client()
    assert client.login(username="liaison1", password=PASSWORD)
    assert Session.objects.count() == 1
    user_disable(actor=office.sysadmin, user=office.liaison_1)
    assert Session.objects.count() == 0
    assert client.get("/").status_code == 302  # signed out: sent to the login page
    assert not Client().login(username="liaison1", password=PASSWORD)
    assert AuditEvent.objects.filter(action="user.disable", actor=office.sysadmin).exists()


def test_re_enabling_lets_the_person_sign_in_again(office):
    user_disable(actor=office.sysadmin, user=office.liaison_1)
    user_enable(actor=office.sysadmin, user=office.liaison_1)
    assert Client().login(username="liaison1", password=PASSWORD)
    with pytest.raises(Refusal) as refused:
        user_enable(actor=office.sysadmin, user=office.liaison_1)
    assert refused.value.code == "already_done"


def test_an_administrator_cannot_disable_their_own_account(office):
    with pytest.raises(Refusal) as refused:
        user_disable(actor=office.sysadmin, user=office.sysadmin)
    assert refused.value.code == "self_action"


def test_a_weak_password_is_refused_by_the_policy(office):
    with pytest.raises(Refusal) as refused:
        user_create(username="weak", display_name="", unit=office.u1, password="abcdefghij", actor=None)
    assert refused.value.code == "weak_password"
    assert not User.objects.filter(username="weak").exists()
