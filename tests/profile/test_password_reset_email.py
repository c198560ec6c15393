"""找回密码 by e-mail: only where e-mail is configured; the same answer whether or not the address is known;
a link that works once and for ``PASSWORD_RESET_TIMEOUT``; the new password set through a service, audited."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from taizhang.audit.models import AuditEvent
from tests.profile.conftest import NEW_PASSWORD, PASSWORD


@pytest.fixture
def email_on(settings):
    settings.TAIZHANG_EMAIL_ENABLED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_RESET_TIMEOUT = 3600


@pytest.fixture
def known(people):
    people.liaison.email = "liaison@example.org"
    people.liaison.save(update_fields=["email"])
    return people.liaison


def _ask(client, email):
    return client.post(reverse("password_reset"), {"email": email}, follow=True)


def _link(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def test_without_email_the_pages_are_404_and_say_whom_to_ask(client, db, settings):
    settings.TAIZHANG_EMAIL_ENABLED = False
    response = client.get(reverse("password_reset"))
    assert response.status_code == 404 and "请联系本单位的安全管理员" in response.content.decode()
    assert client.post(reverse("password_reset"), {"email": "a@example.org"}).status_code == 404
    assert client.get(reverse("password_reset_confirm", args=["MQ", "set-password"])).status_code == 404
    assert "忘记密码请联系安全管理员" in client.get(reverse("login")).content.decode()


def test_with_email_the_login_page_offers_the_reset(client, db, email_on):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()


def test_a_known_address_gets_a_link_in_chinese(client, known, email_on):
    response = _ask(client, "LIAISON@example.org")
    assert response.redirect_chain[-1][0] == reverse("login")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["liaison@example.org"]
    assert mail.outbox[0].subject == "重设台账系统密码"
    assert "60 分钟内" in mail.outbox[0].body and known.username in mail.outbox[0].body


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, known, email_on):
    known_answer = _ask(client, "liaison@example.org")
    unknown_answer = _ask(client, "nobody@example.org")
    assert unknown_answer.status_code == known_answer.status_code == 200
    assert unknown_answer.redirect_chain == known_answer.redirect_chain
    message = "如果该邮箱登记在某个账号上"
    assert message in unknown_answer.content.decode() and message in known_answer.content.decode()
    assert len(mail.outbox) == 1


def test_the_link_sets_a_new_password_once_ends_sessions_and_is_audited(client, known, email_on):
    _ask(client, "liaison@example.org")
    link = _link(mail.outbox[0])
    form = client.get(link, follow=True)
    assert "设置新密码" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("login")
    assert "密码已重设，请用新密码登录。" in done.content.decode()
    known.refresh_from_db()
    assert known.check_password(NEW_PASSWORD) and known.password_changed_at is not None
    event = AuditEvent.objects.get(action="password.reset_email")
    assert event.actor == known and NEW_PASSWORD not in str(event.after)
    again = client.get(link, follow=True)
    assert "这个链接已失效" in again.content.decode()


def test_a_weak_password_through_the_link_is_refused(client, known, email_on):
    _ask(client, "liaison@example.org")
    set_url = client.get(_link(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "1234567890", "new_password2": "1234567890"})
    assert response.status_code == 200 and response.context["form"].errors
    known.refresh_from_db()
    assert known.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(action="password.reset_email").exists()


def test_the_link_expires_after_the_timeout(client, known, email_on):
    _ask(client, "liaison@example.org")
    link = _link(mail.outbox[0])
    with time_machine.travel(timedelta(minutes=59)):
        assert "设置新密码" in client.get(link, follow=True).content.decode()
    with time_machine.travel(timedelta(hours=1, minutes=1)):
        assert "这个链接已失效" in client.get(link, follow=True).content.decode()
