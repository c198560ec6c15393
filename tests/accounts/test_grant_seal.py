"""完整性 of role grants: each grant carries an HMAC-SM3 seal over (person, role, unit, region). A grant
changed with raw SQL — an inspector made office administrator — no longer matches: the scope reader ignores
it, the person keeps only what their genuine grants give, and the alarm ``role_grant.tampered`` is raised."""

import pytest
from django.db import connection

from taizhang.accounts.models import Role, RoleGrant
from taizhang.accounts.scope import scope_changed, user_scope
from taizhang.audit.models import AuditEvent
from taizhang.notifications.models import Notification
from tests.factories import make_region, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def region():
    return make_region()


def _fresh_scope(user):
    scope_changed()
    return user_scope(user)


def test_a_grant_made_by_the_service_is_sealed_and_counts(region):
    inspector = make_user(role=Role.INSPECTOR, region=region)
    assert RoleGrant.objects.get(user=inspector).seal
    assert _fresh_scope(inspector).roles == {Role.INSPECTOR}


def test_a_role_changed_with_sql_is_ignored_and_alarmed(region):
    inspector = make_user(role=Role.INSPECTOR, region=region)
    security = make_user(unit=None, role=Role.SECURITY_ADMIN, region=region)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_rolegrant SET role = %s WHERE user_id = %s", [Role.OFFICE_ADMIN, inspector.pk]
        )
    assert _fresh_scope(inspector).roles == frozenset()
    event = AuditEvent.objects.get(action="role_grant.tampered")
    assert event.after["role"] == Role.OFFICE_ADMIN and event.after["user_id"] == inspector.pk
    assert Notification.objects.filter(recipient=security, subject__contains="安全告警").count() == 1


def test_a_grant_inserted_with_sql_gives_nothing(region):
    person = make_user(role=Role.INSPECTOR, region=region)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO accounts_rolegrant (user_id, role, region_id, granted_at, seal) "
            "VALUES (%s, %s, %s, CURRENT_TIMESTAMP, '')",
            [person.pk, Role.LEADER, region.pk],
        )
    assert _fresh_scope(person).roles == {Role.INSPECTOR}


def test_a_seal_copied_from_another_persons_grant_does_not_match(region):
    admin = make_user(role=Role.OFFICE_ADMIN, region=region)
    person = make_user(role=Role.INSPECTOR, region=region)
    admin_seal = RoleGrant.objects.get(user=admin).seal
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE accounts_rolegrant SET role = %s, seal = %s WHERE user_id = %s",
            [Role.OFFICE_ADMIN, admin_seal, person.pk],
        )
    assert _fresh_scope(person).roles == frozenset()
