"""修改密码 at /account/password/ (URL name ``password_change``, where a forced change sends people)."""

from django.test import Client
from django.urls import reverse

from tests.profile.conftest import NEW_PASSWORD, PASSWORD

GOOD = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}


def test_the_page_opens_for_an_administrator_too(client, people):
    client.force_login(people.sysadmin)
    response = client.get(reverse("password_change"))
    assert response.status_code == 200 and "当前密码" in response.content.decode()


def test_a_forced_change_is_explained_on_the_page(signed_in, people):
    people.liaison.must_change_password = True
    people.liaison.save(update_fields=["must_change_password"])
    assert "请先设置自己的密码" in signed_in.get(reverse("password_change")).content.decode()


def test_changing_keeps_this_browser_signed_in_and_signs_out_the_others(signed_in, people):
    elsewhere = Client()
    assert elsewhere.login(username=people.liaison.username, password=PASSWORD)
    response = signed_in.post(reverse("password_change"), GOOD, follow=True)
    assert response.redirect_chain[-1][0] == reverse("profile")
    assert "密码已修改" in response.content.decode()
    assert signed_in.get(reverse("my_tasks")).status_code == 200
    gone = elsewhere.get(reverse("my_tasks"))
    assert gone.status_code == 302 and gone["Location"].startswith(reverse("login"))
    people.liaison.refresh_from_db()
    assert people.liaison.check_password(NEW_PASSWORD) and not people.liaison.must_change_password


def test_a_wrong_current_password_is_422_on_its_field(signed_in, people):
    response = signed_in.post(reverse("password_change"), GOOD | {"old_password": "wrong"})
    assert response.status_code == 422
    assert response.context["form"].errors["old_password"] == ["当前密码不对。"]
    people.liaison.refresh_from_db()
    assert people.liaison.check_password(PASSWORD)


def test_two_different_new_passwords_are_422(signed_in):
    response = signed_in.post(reverse("password_change"), GOOD | {"new_password2": "另一个-新口令-2025"})
    assert response.status_code == 422 and "两次输入的新密码不一致" in response.content.decode()


def test_a_weak_new_password_is_422_with_the_validators_message(signed_in, people):
    response = signed_in.post(
        reverse("password_change"), GOOD | {"new_password1": "1234567890", "new_password2": "1234567890"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["new_password1"]
    people.liaison.refresh_from_db()
    assert people.liaison.check_password(PASSWORD)
