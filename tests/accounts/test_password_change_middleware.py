"""强制修改密码: a signed-in person with an initial or reset password is sent to the password-change page
(``/account/password/``) from every page; signing out, the language switch, the health check and static
files still answer; the API answers a session caller 403 ``password_change_required``."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.accounts.conftest import PASSWORD

TARGET = "/account/password/"


@pytest.fixture
def forced(office):
    office.liaison_1.must_change_password = True
    office.liaison_1.save(update_fields=["must_change_password"])
    client = Client()
    assert client.login(username="liaison1", password=PASSWORD)
    return client


@pytest.mark.parametrize("path", ["/", "/plans/", "/tasks/", "/manage/"])
def test_every_page_sends_to_the_password_change(forced, path):
    response = forced.get(path)
    assert response.status_code == 302 and response["Location"] == TARGET


def test_a_post_is_sent_there_too_and_does_nothing(forced):
    response = forced.post("/inbox/read-all/")
    assert response.status_code == 302 and response["Location"] == TARGET


def test_htmx_requests_get_a_whole_page_redirect(forced):
    response = forced.get("/plans/", headers={"HX-Request": "true"})
    assert response.status_code == 403 and response["HX-Redirect"] == TARGET


def test_a_fragment_asked_by_the_password_page_itself_is_refused_without_reloading_the_page(forced):
    """Redirecting the password page to itself would reload it for ever (each load asks for a fragment)."""
    here = f"http://testserver{TARGET}"
    response = forced.get("/inbox/badge/", headers={"HX-Request": "true", "HX-Current-URL": here})
    assert response.status_code == 403 and "HX-Redirect" not in response


def test_the_password_page_asks_for_no_fragment(forced):
    assert b"hx-get" not in forced.get(TARGET).content


def test_the_api_answers_403_password_change_required(forced):
    response = forced.get("/api/v1/plans")
    assert response.status_code == 403
    assert response.json()["code"] == "password_change_required"


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/i18n/setlang/"])
def test_health_checks_and_language_switch_answer(forced, path):
    response = forced.post(path, {"language": "en", "next": "/"}) if "i18n" in path else forced.get(path)
    assert response.get("Location") != TARGET


def test_signing_out_is_let_through(forced):
    response = forced.post("/logout/")
    assert response.status_code == 302 and response["Location"] != TARGET
    assert forced.get("/plans/")["Location"].startswith("/login/")


def test_the_password_change_page_itself_is_not_redirected(forced):
    response = forced.get(TARGET)
    assert response.status_code != 302  # 404 until the profile page is merged; never a loop


def test_a_person_without_the_flag_is_not_redirected(office):
    client = Client()
    client.login(username="liaison1", password=PASSWORD)
    assert client.get("/plans/").status_code == 200
