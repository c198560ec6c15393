"""The login and logout pages (Django's auth views with our templates)."""

import pytest
from django.urls import reverse

from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_is_chinese_and_makes_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "惩治和预防腐败体系建设台账" in html
    assert "用户名" in html and "密码" in html and "登录" in html
    assert 'lang="zh-hans"' in html


def test_liaison_signs_in_and_lands_on_the_workbench(client, town):
    response = client.post(
        reverse("login"), {"username": town.liaison_a.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("workbench")
    assert response.context["user"] == town.liaison_a


def test_login_returns_to_the_page_asked_for(client, town):
    response = client.post(
        reverse("login") + "?next=/plans/",
        {"username": town.liaison_a.username, "password": PASSWORD, "next": "/plans/"},
    )
    assert response["Location"] == "/plans/"


def test_login_refuses_a_redirect_to_another_host(client, town):
    response = client.post(
        reverse("login"),
        {"username": town.liaison_a.username, "password": PASSWORD, "next": "https://example.org/"},
    )
    assert response["Location"] == reverse("home")


def test_wrong_password_shows_an_error_and_signs_nobody_in(client, town):
    response = client.post(reverse("login"), {"username": town.liaison_a.username, "password": "wrong"})
    assert response.status_code == 200
    assert 'class="errorlist"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_inactive_user_cannot_sign_in(client, town):
    town.liaison_a.is_active = False
    town.liaison_a.save(update_fields=["is_active"])
    response = client.post(reverse("login"), {"username": town.liaison_a.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_signed_in_user_opening_login_goes_home(client, town):
    client.force_login(town.liaison_a)
    assert client.get(reverse("login"))["Location"] == reverse("home")


def test_logout_is_a_post_and_ends_the_session(client, town):
    client.force_login(town.liaison_a)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_logout_after_the_session_expired_goes_to_login(client):
    assert client.post(reverse("logout"))["Location"] == reverse("login")


def test_a_post_without_csrf_token_gets_the_chinese_expired_page(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
