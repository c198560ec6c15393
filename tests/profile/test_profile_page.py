"""个人设置 at /account/: every signed-in account opens it; saving the language switches the pages at once
and the choice follows the person (the account's language before the cookie)."""

import pytest
from django.conf import settings
from django.urls import reverse

from taizhang.audit.models import AuditEvent

FORM = {"display_name": "李四", "email": "lisi@example.org", "mobile": "13800000000", "language": ""}


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(reverse("profile"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["liaison", "sysadmin", "nobody"])
def test_every_signed_in_account_opens_its_own_page(client, people, who):
    client.force_login(getattr(people, who))
    response = client.get(reverse("profile"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>个人设置</h1>" in html and getattr(people, who).username in html


def test_the_masthead_links_to_the_profile(signed_in):
    html = signed_in.get(reverse("my_tasks")).content.decode()
    assert f'href="{reverse("profile")}"' in html


def test_saving_the_profile_stores_it_and_says_so(signed_in, people):
    response = signed_in.post(reverse("profile"), FORM, follow=True)
    assert "个人设置已保存。" in response.content.decode()
    people.liaison.refresh_from_db()
    assert (people.liaison.display_name, people.liaison.email) == ("李四", "lisi@example.org")
    assert AuditEvent.objects.filter(action="user.profile_update", actor=people.liaison).exists()


def test_a_bad_address_is_422_with_the_message_in_chinese_only_and_nothing_saved(signed_in, people):
    response = signed_in.post(reverse("profile"), FORM | {"email": "lisi@", "display_name": "王五"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "电子邮箱格式不对" in html and "Not an e-mail address" not in html
    people.liaison.refresh_from_db()
    assert people.liaison.display_name == "张三"


def test_choosing_english_switches_the_page_and_sets_the_cookie(signed_in, people):
    response = signed_in.post(reverse("profile"), FORM | {"language": "en"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = signed_in.get(reverse("profile")).content.decode()
    assert '<html lang="en">' in html
    people.liaison.refresh_from_db()
    assert people.liaison.language == "en"


def test_the_stored_language_follows_the_person_to_another_browser(client, people):
    people.liaison.language = "en"
    people.liaison.save(update_fields=["language"])
    client.force_login(people.liaison)  # a fresh browser: no language cookie
    assert '<html lang="en">' in client.get(reverse("my_tasks")).content.decode()


def test_the_stored_language_wins_over_the_cookie_and_blank_follows_the_cookie(client, people):
    client.force_login(people.liaison)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en">' in client.get(reverse("my_tasks")).content.decode()  # blank: the cookie
    people.liaison.language = "zh-hans"
    people.liaison.save(update_fields=["language"])
    assert '<html lang="zh-hans">' in client.get(reverse("my_tasks")).content.decode()


def test_the_header_switch_of_a_signed_in_person_is_kept_on_the_account(signed_in, people):
    people.liaison.language = "en"
    people.liaison.save(update_fields=["language"])
    signed_in.post(reverse("set_language"), {"language": "zh-hans", "next": reverse("my_tasks")})
    people.liaison.refresh_from_db()
    assert people.liaison.language == "zh-hans"
    assert "<h1>我的任务</h1>" in signed_in.get(reverse("my_tasks")).content.decode()


def test_an_administrator_is_told_there_are_no_tokens_for_them(client, people):
    client.force_login(people.sysadmin)
    html = client.get(reverse("profile")).content.decode()
    assert "管理员（三员）不办理业务，不使用 API 令牌。" in html
    assert reverse("api_token_create") not in html


def test_the_page_reads_a_flat_number_of_queries_however_many_tokens(
    signed_in, people, django_assert_max_num_queries
):
    from taizhang.accounts.services import api_token_create

    for n in range(30):
        api_token_create(user=people.liaison, name=f"脚本{n}", actor=None)
    with django_assert_max_num_queries(12):
        assert signed_in.get(reverse("profile")).status_code == 200
