import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from taizhang.accounts.models import ApiToken, Role, RoleGrant
from taizhang.accounts.selectors import api_token_active, has_role, unit_ids_in_scope
from taizhang.accounts.services import api_token_create, api_token_revoke, role_grant
from taizhang.units.models import Region
from tests.factories import make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


def test_a_grant_has_exactly_one_scope():
    user, unit = make_user(), make_unit()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=user, role=Role.INSPECTOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=user, role=Role.INSPECTOR, unit=unit, region=unit.region)


def test_a_liaison_is_granted_on_a_unit_never_a_region():
    user = make_user()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=user, role=Role.LIAISON, region=user.unit.region)


def test_a_liaison_acts_only_for_their_own_unit():
    user = make_user()
    with pytest.raises(ValidationError):
        role_grant(user=user, role=Role.LIAISON, unit=make_unit(region=user.unit.region), actor=None)


def test_a_region_grant_covers_units_in_the_region_and_below():
    city = make_region()
    district = make_region(level=Region.Level.DISTRICT, parent=city)
    city_unit, district_unit, elsewhere = make_unit(region=city), make_unit(region=district), make_unit()
    admin = make_user(role=Role.OFFICE_ADMIN, region=city)
    assert unit_ids_in_scope(admin) == {admin.unit_id, city_unit.pk, district_unit.pk}
    assert elsewhere.pk not in unit_ids_in_scope(admin)
    assert unit_ids_in_scope(admin, Role.LIAISON) == set()


def test_an_inactive_account_covers_nothing():
    liaison = make_user(role=Role.LIAISON)
    liaison.is_active = False
    assert unit_ids_in_scope(liaison) == set()
    assert not has_role(liaison, Role.LIAISON)


def test_an_api_token_is_stored_only_as_its_digest():
    user = make_user()
    token, raw = api_token_create(user=user, name="数据对接", actor=user)
    assert raw not in {token.digest, token.prefix} and raw.startswith(token.prefix)
    assert not ApiToken.objects.filter(digest=raw).exists()
    assert api_token_active(raw).user == user
    assert api_token_active(raw + "x") is None


def test_revoked_or_expired_tokens_do_not_authenticate():
    user = make_user()
    token, raw = api_token_create(user=user, name="一次性", actor=user)
    api_token_revoke(token=token, actor=user)
    assert api_token_active(raw) is None
    _, expired = api_token_create(user=user, name="过期", expires_at=timezone.now(), actor=user)
    assert api_token_active(expired) is None
