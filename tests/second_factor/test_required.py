"""强制双因素: with the default setting the three administrators and the office admin must use a second
factor. Without one they reach only the enrolment page (the API answers 403) until they enrol; with one,
a session that did not pass the code step is ended. Other roles are free; an empty setting frees all."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from taizhang.accounts.models import Role
from tests.factories import make_user
from tests.second_factor.conftest import PASSWORD, code_now, code_step, enrol, next_step, password_step

DEFAULT = ["system_admin", "security_admin", "audit_admin", "office_admin"]


@pytest.fixture
def required(settings):
    settings.TAIZHANG_2FA_REQUIRED_ROLES = DEFAULT


@pytest.fixture
def office_admin(office):
    return make_user(unit=office.office_unit, role=Role.OFFICE_ADMIN, region=office.city, password=PASSWORD)


def _signed_in_with_password(username: str) -> Client:
    client = Client()
    assert password_step(client, username).status_code == 302
    return client


@pytest.mark.parametrize("who", ["sysadmin", "secadmin", "auditor"])
def test_an_administrator_without_a_second_factor_reaches_only_the_enrolment(office, required, who):
    client = _signed_in_with_password(getattr(office, who).username)
    for name in ("home", "admin_home", "user_list", "profile"):
        answer = client.get(reverse(name))
        assert answer.status_code == 302 and answer["Location"] == reverse("second_factor"), name
    assert client.get(reverse("second_factor")).status_code == 200
    htmx = client.get(reverse("user_list"), headers={"HX-Request": "true"})
    assert htmx.status_code == 403 and htmx["HX-Redirect"] == reverse("second_factor")


def test_the_office_admin_without_a_second_factor_gets_403_from_the_api(office, required, office_admin):
    client = _signed_in_with_password(office_admin.username)
    answer = client.get("/api/v1/plans")
    assert answer.status_code == 403 and answer.json()["code"] == "second_factor_required"
    assert client.get(reverse("plan_list")).status_code == 302


def test_after_enrolling_in_this_session_everything_opens(office, required, office_admin, clock):
    client = _signed_in_with_password(office_admin.username)
    page = client.get(reverse("second_factor")).content.decode()
    secret = page.split('id="totp-secret">', 1)[1].split("<", 1)[0].replace(" ", "")
    answer = client.post(reverse("second_factor"), {"code": code_now(secret)})
    assert answer.status_code == 200 and answer.content.decode().count("<li><code>") == 10
    assert client.get(reverse("plan_list")).status_code == 200
    assert client.get("/api/v1/plans").status_code == 200


def test_a_session_that_skipped_the_code_step_is_ended(office, required, clock):
    enrol(office.sysadmin)
    client = Client()
    client.force_login(office.sysadmin)  # as a session opened before the second factor was deployed
    answer = client.get(reverse("admin_home"))
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("login"))
    assert client.get(reverse("profile")).status_code == 302  # signed out


def test_an_enrolled_administrator_signs_in_with_the_code_and_works(office, required, clock):
    secret, _codes = enrol(office.sysadmin)
    next_step(clock)
    client = Client()
    password_step(client, "sysadmin")
    code_step(client, code_now(secret))
    assert client.get(reverse("admin_home")).status_code == 200


def test_a_liaison_is_not_required(office, required):
    client = _signed_in_with_password("liaison1")
    assert client.get(reverse("home")).status_code in (200, 302)
    assert client.get(reverse("my_tasks")).status_code == 200


def test_an_empty_setting_makes_it_optional_for_everyone(office, settings):
    settings.TAIZHANG_2FA_REQUIRED_ROLES = []
    client = _signed_in_with_password("sysadmin")
    assert client.get(reverse("admin_home")).status_code == 200


def test_the_password_change_comes_first_then_the_enrolment(office, required):
    office.sysadmin.must_change_password = True
    office.sysadmin.save(update_fields=["must_change_password"])
    client = _signed_in_with_password("sysadmin")
    assert client.get(reverse("admin_home"))["Location"] == reverse("password_change")
    assert client.get(reverse("password_change")).status_code == 200
    assert client.get(reverse("second_factor"))["Location"] == reverse("password_change")
