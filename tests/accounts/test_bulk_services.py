"""Many accounts and grants at once (``accounts.bulk``, ``units.services.units_create_many``): the rules of
the one-at-a-time services kept — a name taken in any letter case refused with nothing written, a liaison
on their own unit only and not moved away, no grant twice, no business role for an administrator — and
the same audit entries, in a chain that still verifies, with grants whose seals count."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.accounts.bulk import role_grants_many, users_create_many, users_ready, users_update_many
from taizhang.accounts.codes import AccountCode
from taizhang.accounts.grants import grant_is_genuine
from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.audit.models import AuditEvent
from taizhang.audit.verify import chain_verify
from taizhang.lib.refusal import Refusal
from taizhang.units.codes import UnitCode
from taizhang.units.models import Unit
from taizhang.units.services import units_create_many
from tests.factories import make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


def _people(unit, *names):
    return [User(username=n, display_name=f"人员{n}", unit=unit, mobile="13800138000") for n in names]


def test_many_accounts_and_their_roles_are_written_with_an_entry_each_and_the_chain_verifies():
    region = make_region()
    [unit] = units_create_many(region=region, names=["新建局"], actor=None)
    with transaction.atomic():
        users = users_create_many(users=_people(unit, "a1", "a2"), actor=None)
        role_grants_many(
            grants=[RoleGrant(user=u, role=Role.LIAISON, unit=unit) for u in users]
            + [RoleGrant(user=users[0], role=Role.INSPECTOR, region=region)],
            actor=None,
        )
    assert User.objects.get(username="a1").mobile == "13800138000"  # sealed before the insert, reads back
    grants = RoleGrant.objects.filter(user__in=users)
    assert grants.count() == 3
    assert all(grant_is_genuine(g.user_id, g.role, g.unit_id, g.region_id, g.seal) for g in grants)
    actions = sorted(AuditEvent.objects.values_list("action", flat=True))
    assert actions == ["role.grant"] * 3 + ["unit.create"] + ["user.create"] * 2
    create = AuditEvent.objects.get(action="user.create", object_id=str(users[0].pk))
    assert create.after["unit_id"] == unit.pk and create.after["mobile"] != "13800138000"  # mobile not logged
    assert chain_verify().ok


def test_a_name_taken_in_another_letter_case_is_refused_and_nothing_is_written():
    unit = make_unit()
    make_user(unit=unit, username="ZhangSan")
    with pytest.raises(Refusal) as refused:
        users_create_many(users=_people(unit, "lisi", "zhangsan"), actor=None)
    assert refused.value.code == AccountCode.USERNAME_TAKEN
    assert not User.objects.filter(username="lisi").exists()
    with pytest.raises(Refusal):
        users_ready(_people(unit, "wang", "WANG"))  # twice in one list


def test_a_grant_the_single_service_refuses_is_refused_here_too():
    region, unit, other = make_region(), make_unit(), make_unit()
    liaison = make_user(unit=unit, role=Role.LIAISON)
    admin = make_user(unit=None, role=Role.SYSTEM_ADMIN, region=region)
    with pytest.raises(ValidationError):  # a liaison of a unit they do not belong to
        role_grants_many(grants=[RoleGrant(user=liaison, role=Role.LIAISON, unit=other)], actor=None)
    with pytest.raises(ValidationError):  # held already
        role_grants_many(grants=[RoleGrant(user=liaison, role=Role.LIAISON, unit=unit)], actor=None)
    with pytest.raises(ValidationError):  # an administrative duty is given one at a time
        role_grants_many(grants=[RoleGrant(user=liaison, role=Role.AUDIT_ADMIN, region=region)], actor=None)
    with pytest.raises(Refusal) as refused:  # 三员分立
        role_grants_many(grants=[RoleGrant(user=admin, role=Role.INSPECTOR, region=region)], actor=None)
    assert refused.value.code == AccountCode.DUTIES_APART
    assert RoleGrant.objects.filter(user__in=[liaison, admin]).count() == 2  # only the fixtures' own


def test_a_unit_name_taken_or_given_twice_is_refused():
    region = make_region()
    make_unit(region=region, name="已有局")
    for names in (["新局", "已有局"], ["新局", "新局"]):
        with pytest.raises(Refusal) as refused:
            units_create_many(region=region, names=names, actor=None)
        assert refused.value.code == UnitCode.NAME_TAKEN
    assert not Unit.objects.filter(name="新局").exists()


def test_many_accounts_are_updated_with_their_entries_and_a_liaison_is_not_moved_away():
    unit, other = make_unit(), make_unit()
    plain, liaison = make_user(unit=unit, username="plain"), make_user(unit=unit, role=Role.LIAISON)
    with pytest.raises(Refusal) as refused:
        users_update_many(changes={liaison.pk: {"unit": other}}, actor=None)
    assert refused.value.code == AccountCode.UNIT_ROLES_HELD
    users_update_many(
        changes={plain.pk: {"mobile": "13900139000", "unit": other}, liaison.pk: {"display_name": "新名字"}},
        actor=None,
        notes={plain.pk: {"row": 4}},
    )
    plain.refresh_from_db()
    assert (plain.mobile, plain.unit) == ("13900139000", other)
    assert User.objects.get(pk=liaison.pk).display_name == "新名字"
    entry = AuditEvent.objects.get(action="user.update", object_id=str(plain.pk))
    assert (entry.before["unit_id"], entry.after["unit_id"], entry.after["row"]) == (unit.pk, other.pk, 4)
    assert chain_verify().ok
