"""The 用户管理 pages as the system and security administrators use them: list with search, filters and a
flat query count; create showing the one-time password once; edit; disable; grant, revoke and reset on the
account page; refusals on the page with 422; another region's accounts 404; an administrator's home."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from taizhang.accounts.models import Role, RoleGrant, User
from tests.factories import make_user


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_administrator_starts_at_their_admin_home(office):
    for admin, duty in ((office.sysadmin, "系统管理员"), (office.auditor, "审计管理员")):
        client = _as(admin)
        assert client.get("/")["Location"] == reverse("admin_home")
        page = client.get(reverse("admin_home")).content.decode()
        assert duty in page and "甲市" in page


def test_the_list_shows_the_region_and_below_and_nothing_of_another(office):
    page = _as(office.sysadmin).get(reverse("user_list")).content.decode()
    assert "liaison1" in page and "clerk2" in page  # 甲市 and 甲区 below it
    assert "liaisonb" not in page and "sysadmin_b" not in page


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ({"q": "王晓明"}, "liaison1", "clerk2"),
        ({"q": "甲区第二局"}, "clerk2", "liaison1"),
        ({"role": "liaison"}, "liaison1", "clerk2"),
        ({"active": "1"}, "clerk2", "nobody-here"),
    ],
)
def test_search_and_filters(office, query, shown, hidden):
    page = _as(office.secadmin).get(reverse("user_list"), query).content.decode()
    assert shown in page and hidden not in page


def test_the_mobile_is_encrypted_yet_shown_and_found_by_its_digits(office):
    office.clerk_2.mobile = "13912345678"
    office.clerk_2.save(update_fields=["mobile"])
    client = _as(office.sysadmin)
    page = client.get(reverse("user_list"), {"q": "1234567"}).content.decode()
    assert "clerk2" in page and "13912345678" in page and "liaison1" not in page
    assert "13912345678" in client.get(reverse("user_detail", args=[office.clerk_2.pk])).content.decode()


def test_the_list_query_count_is_flat(office, django_assert_max_num_queries):
    client = _as(office.sysadmin)
    client.get(reverse("user_list"))
    for n in range(30):
        make_user(unit=office.u1, role=Role.INSPECTOR, username=f"extra{n}")
    with django_assert_max_num_queries(14):
        assert client.get(reverse("user_list")).status_code == 200


def test_creating_an_account_shows_its_one_time_password_once(office):
    client = _as(office.sysadmin)
    data = {"username": "zhangsan", "display_name": "张三", "unit": office.u1.pk, "email": "", "mobile": ""}
    response = client.post(reverse("user_create"), data)
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    password = response.context["password"]
    assert password in response.content.decode()
    assert User.objects.get(username="zhangsan").check_password(password)
    # not on the account's page afterwards
    detail = client.get(reverse("user_detail", args=[User.objects.get(username="zhangsan").pk]))
    assert password not in detail.content.decode()


def test_a_duplicate_username_is_shown_on_the_form_with_422(office):
    data = {"username": "liaison1", "display_name": "x", "unit": office.u1.pk}
    response = _as(office.sysadmin).post(reverse("user_create"), data)
    assert response.status_code == 422 and "已被使用" in response.content.decode()


def test_a_unit_of_another_region_is_not_offered(office):
    data = {"username": "zhangsan", "display_name": "x", "unit": office.ub.pk}
    response = _as(office.sysadmin).post(reverse("user_create"), data)
    assert response.status_code == 422 and not User.objects.filter(username="zhangsan").exists()


def test_editing_an_account(office):
    url = reverse("user_edit", args=[office.clerk_2.pk])
    data = {"display_name": "李四四", "unit": office.u2.pk, "email": "a@b.cn", "mobile": "13800000000"}
    response = _as(office.sysadmin).post(url, data)
    assert response.status_code == 302
    office.clerk_2.refresh_from_db()
    assert office.clerk_2.email == "a@b.cn"


def test_a_bad_mobile_number_is_refused(office):
    url = reverse("user_edit", args=[office.clerk_2.pk])
    response = _as(office.sysadmin).post(url, {"display_name": "x", "unit": office.u2.pk, "mobile": "abc"})
    assert response.status_code == 422


def test_disabling_and_enabling_from_the_account_page(office):
    client = _as(office.sysadmin)
    client.post(reverse("user_disable", args=[office.liaison_1.pk]))
    office.liaison_1.refresh_from_db()
    assert not office.liaison_1.is_active
    client.post(reverse("user_enable", args=[office.liaison_1.pk]))
    office.liaison_1.refresh_from_db()
    assert office.liaison_1.is_active


def test_another_regions_account_is_404(office):
    for name in ("user_detail", "user_edit"):
        assert _as(office.sysadmin).get(reverse(name, args=[office.liaison_b.pk])).status_code == 404


def test_the_security_admin_grants_and_revokes_on_the_account_page(office):
    client = _as(office.secadmin)
    url = reverse("user_grant", args=[office.clerk_2.pk])
    response = client.post(url, {"role": "unit_head", "unit": office.u2.pk})
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=office.clerk_2, role="unit_head")
    client.post(reverse("user_grant_revoke", args=[office.clerk_2.pk, grant.pk]))
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()


def test_a_refused_grant_is_shown_on_the_page_with_422(office):
    url = reverse("user_grant", args=[office.clerk_2.pk])
    response = _as(office.secadmin).post(url, {"role": "liaison", "unit": office.u1.pk})
    assert response.status_code == 422 and "本人所在单位" in response.content.decode()
    response = _as(office.secadmin).post(url, {"role": "leader"})  # neither unit nor region
    assert response.status_code == 422


def test_a_password_reset_shows_the_new_password_once(office):
    response = _as(office.secadmin).post(reverse("user_password_reset", args=[office.liaison_1.pk]))
    assert response.status_code == 200
    office.liaison_1.refresh_from_db()
    assert office.liaison_1.check_password(response.context["password"])


def test_the_system_admin_does_not_grant_and_the_security_admin_does_not_create(office):
    assert _as(office.sysadmin).post(reverse("user_grant", args=[office.clerk_2.pk]), {}).status_code == 403
    assert _as(office.secadmin).get(reverse("user_create")).status_code == 403
    assert _as(office.auditor).get(reverse("user_list")).status_code == 403
