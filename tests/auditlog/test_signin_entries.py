"""Signing in, signing out and failing to sign in are audit entries with the client's address."""

import pytest
from django.urls import reverse

from taizhang.audit.models import AuditEvent
from tests.auditlog.helpers import PASSWORD

pytestmark = pytest.mark.django_db


def test_signing_in_is_recorded_with_the_client_address_and_placed_at_the_users_unit(client, land):
    client.post(reverse("login"), {"username": "clerk_d", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    entry = AuditEvent.objects.get(action="auth.login")
    assert (entry.actor, entry.ip, entry.result) == (land.clerk_d, "10.1.2.3", "success")
    assert (entry.unit_ref, entry.region_ref) == (land.unit_d.pk, land.district_a.pk)


def test_signing_out_is_recorded_with_the_client_address(client, land):
    client.force_login(land.clerk_a)
    client.post(reverse("logout"), REMOTE_ADDR="10.1.2.4")
    entry = AuditEvent.objects.get(action="auth.logout")
    assert (entry.actor, entry.ip, entry.result) == (land.clerk_a, "10.1.2.4", "success")


def test_a_wrong_password_is_a_failure_naming_the_account_and_never_the_password(client, land):
    client.post(reverse("login"), {"username": "clerk_b", "password": "not-it-秘密"}, REMOTE_ADDR="10.9.9.9")
    entry = AuditEvent.objects.get(action="auth.login_failed")
    assert (entry.actor, entry.ip, entry.result) == (None, "10.9.9.9", "failure")
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(land.clerk_b.pk))
    assert entry.after == {"username": "clerk_b"}
    assert entry.region_ref == land.city_b.pk
    assert "not-it-秘密" not in str(entry.before) + str(entry.after) + entry.object_repr


def test_an_unknown_account_name_is_recorded_and_placed_nowhere(client, land):
    client.post(reverse("login"), {"username": "nobody", "password": "x"}, REMOTE_ADDR="10.9.9.8")
    entry = AuditEvent.objects.get(action="auth.login_failed")
    assert entry.after == {"username": "nobody"}
    assert (entry.object_id, entry.unit_ref, entry.region_ref) == ("", None, None)


def test_a_forged_forwarded_for_header_is_not_taken_as_the_address(client, land):
    client.post(
        reverse("login"),
        {"username": "clerk_a", "password": PASSWORD},
        REMOTE_ADDR="192.168.0.5",
        HTTP_X_FORWARDED_FOR="8.8.8.8",
    )
    assert AuditEvent.objects.get(action="auth.login").ip == "192.168.0.5"
