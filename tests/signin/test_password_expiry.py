"""口令有效期: a password older than TAIZHANG_PASSWORD_MAX_AGE_DAYS sends the person to change it at sign-in
(audited as ``password.expired``); a younger one does not, and 0 turns expiry off."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from taizhang.audit.models import AuditEvent
from tests.signin.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _installation_default(settings):
    """The installation's default (tests elsewhere turn expiry off: they move the clock by months)."""
    from taizhang import settings as installed

    settings.TAIZHANG_PASSWORD_MAX_AGE_DAYS = installed.TAIZHANG_PASSWORD_MAX_AGE_DAYS


def test_the_default_is_ninety_days():
    from taizhang import settings as installed

    assert installed.TAIZHANG_PASSWORD_MAX_AGE_DAYS == 90


def _sign_in(username: str) -> Client:
    client = Client()
    assert client.post(reverse("login"), {"username": username, "password": PASSWORD}).status_code == 302
    return client


def test_a_ninety_one_day_old_password_must_be_changed_before_anything_else(office):
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        client = _sign_in("liaison1")
        assert client.get(reverse("home"))["Location"] == reverse("password_change")
    office.liaison_1.refresh_from_db()
    assert office.liaison_1.must_change_password
    assert AuditEvent.objects.filter(action="password.expired", object_id=str(office.liaison_1.pk)).exists()


def test_an_eighty_nine_day_old_password_signs_in_as_usual(office):
    with time_machine.travel(timezone.now() + timedelta(days=89)):
        client = _sign_in("liaison1")
        assert client.get(reverse("profile")).status_code == 200
    office.liaison_1.refresh_from_db()
    assert not office.liaison_1.must_change_password


def test_zero_days_turns_expiry_off(office, settings):
    settings.TAIZHANG_PASSWORD_MAX_AGE_DAYS = 0
    with time_machine.travel(timezone.now() + timedelta(days=3650)):
        _sign_in("liaison1")
    office.liaison_1.refresh_from_db()
    assert not office.liaison_1.must_change_password


def test_changing_the_expired_password_lets_the_person_in_for_another_period(office):
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        client = _sign_in("liaison1")
        new = "新的-口令-Abc-2026"
        body = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
        assert client.post(reverse("password_change"), body).status_code == 302
        assert client.get(reverse("home")).get("Location") != reverse("password_change")
        assert client.get(reverse("profile")).status_code == 200
