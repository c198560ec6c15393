"""会话超时 with a frozen clock: 30 idle minutes end a business user's session on the server (15 for the
three administrators), eight hours end any session however busy, the end is audited as ``auth.timeout`` and
the person lands on the login page with a message; a busy session writes its clock at most once a minute."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from taizhang.audit.models import AuditEvent
from tests.signin.conftest import PASSWORD


def _signed_in(username: str) -> Client:
    client = Client()
    assert client.post(reverse("login"), {"username": username, "password": PASSWORD}).status_code == 302
    return client


def test_thirty_idle_minutes_end_the_session_and_say_so_at_the_login_page(office):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = _signed_in("liaison1")
        key = client.session.session_key
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get(reverse("profile")).status_code == 200
    with time_machine.travel(start + timedelta(minutes=29 + 31), tick=False):
        answer = client.get(reverse("profile"), follow=True)
    assert answer.redirect_chain[0][0].startswith(reverse("login"))
    assert "登录已超时" in answer.content.decode()
    assert not Session.objects.filter(session_key=key).exists()
    entry = AuditEvent.objects.get(action="auth.timeout")
    assert entry.actor == office.liaison_1 and entry.after == {"reason": "idle"}


def test_activity_keeps_a_session_alive_up_to_its_absolute_lifetime(office, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = _signed_in("liaison1")
    minutes = 0
    while minutes + 20 < settings.SESSION_COOKIE_AGE // 60:
        minutes += 20
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(reverse("profile")).status_code == 200
    with time_machine.travel(start + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60), tick=False):
        assert client.get(reverse("profile")).status_code == 302
    assert AuditEvent.objects.get(action="auth.timeout").after == {"reason": "absolute"}


def test_an_administrator_is_signed_out_after_fifteen_idle_minutes(office):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        admin = _signed_in("secadmin")
        liaison = _signed_in("liaison1")
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert admin.get(reverse("user_list")).status_code == 302
        assert liaison.get(reverse("profile")).status_code == 200


def test_requests_within_a_minute_do_not_write_the_session(office):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client = _signed_in("liaison1")
        key = client.session.session_key
    stored = Session.objects.get(session_key=key).session_data
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        client.get(reverse("profile"))
    assert Session.objects.get(session_key=key).session_data == stored
    with time_machine.travel(start + timedelta(seconds=90), tick=False):
        client.get(reverse("profile"))
    assert Session.objects.get(session_key=key).session_data != stored


def test_signing_out_ends_the_session_on_the_server(office):
    client = _signed_in("liaison1")
    key = client.session.session_key
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
