"""taizhang.lib.access: deny by default, ``role_required``, and the navigation built from it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import get_resolver, reverse

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.lib.access import PUBLIC_ROUTES, SIGNED_IN_ROUTES

pytestmark = pytest.mark.django_db

PAGES = ["home", "my_tasks", "plan_list"]


@role_required(Role.LIAISON)
def _liaison_view(request):
    return HttpResponse("ok")


def _request(user, **headers):
    request = RequestFactory().get("/somewhere/?x=1", headers=headers)
    request.user = user
    return request


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitor_is_sent_to_login_from_every_page(client, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_anonymous_htmx_request_gets_401_with_a_whole_page_redirect(client):
    response = client.get(reverse("my_tasks"), headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response["HX-Redirect"] == reverse("login")


@pytest.mark.parametrize(
    ("who", "name"),
    [
        ("admin", "my_tasks"),
        ("leader", "my_tasks"),
        ("inspector", "my_tasks"),
        ("nobody", "my_tasks"),
        ("nobody", "plan_list"),
        ("nobody", "home"),
    ],
)
def test_wrong_role_gets_403(client, town, who, name):
    client.force_login(getattr(town, who))
    response = client.get(reverse(name))
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_user_without_role_is_told_whom_to_ask(client, town):
    client.force_login(town.nobody)
    assert "尚未授予任何角色" in client.get(reverse("home")).content.decode()


def test_role_required_redirects_anonymous_and_refuses_other_roles(town):
    from django.contrib.auth.models import AnonymousUser

    assert _liaison_view(_request(AnonymousUser()))["Location"].startswith(reverse("login") + "?next=")
    with pytest.raises(PermissionDenied):
        _liaison_view(_request(town.head_a))
    assert _liaison_view(_request(town.liaison_a)).content == b"ok"


def test_role_required_asks_for_roles_that_exist():
    with pytest.raises(ValueError):
        role_required()
    with pytest.raises(ValueError):
        role_required("superuser")


def test_role_required_keeps_its_roles_on_the_view():
    assert _liaison_view.required_roles == {"liaison"}


def test_public_and_signed_in_routes_all_exist():
    routed = get_resolver().reverse_dict  # URL names, with or without arguments in their paths
    for name in (*PUBLIC_ROUTES, *SIGNED_IN_ROUTES):
        if name not in routed:
            pytest.fail(f"PUBLIC_ROUTES or SIGNED_IN_ROUTES names {name!r}, which is not a route")


def _nav(client, user):
    client.force_login(user)
    return [link.name for link in client.get(reverse("plan_list")).context["shell"]["nav"]]


def test_nav_shows_a_unit_its_workbench_its_tasks_and_the_plans(client, town):
    assert _nav(client, town.liaison_a)[:3] == ["workbench", "my_tasks", "plan_list"]


def test_nav_hides_my_tasks_from_the_office_and_leaders(client, town):
    assert "my_tasks" not in _nav(client, town.admin)
    assert "my_tasks" not in _nav(client, town.leader)
    assert "plan_list" in _nav(client, town.leader)


def test_header_names_the_user_unit_and_roles(client, town):
    client.force_login(town.liaison_a)
    html = client.get(reverse("my_tasks")).content.decode()
    assert "张三" in html and "市发改委" in html and "联络员" in html
    assert 'aria-current="page"' in html
