"""The sign-in as an evaluator checks it with an enrolled person: the password alone opens nothing (pages
nor API), a code or a recovery code finishes the sign-in, a replayed code is refused, wrong codes count
toward the lockout like wrong passwords (a right password does not wipe the count), and each step is
audited with the client's address."""

from __future__ import annotations

from datetime import timedelta

import pyotp
from django.test import Client
from django.urls import reverse

from taizhang.audit.models import AuditEvent
from tests.second_factor.conftest import (
    PASSWORD,
    code_now,
    code_step,
    enrol,
    next_step,
    password_step,
    signed_in,
)

IP = "10.2.3.4"


def _client() -> Client:
    return Client(REMOTE_ADDR=IP)


def test_the_password_alone_reaches_nothing_but_the_code_page(office, clock):
    enrol(office.liaison_1)
    client = _client()
    answer = password_step(client, "liaison1")
    assert answer.status_code == 302 and answer["Location"] == reverse("login_second_factor")
    assert not signed_in(client)
    assert client.get(reverse("home")).status_code == 302  # to the login page
    assert client.get("/api/v1/plans").status_code == 401
    assert client.get(reverse("login_second_factor")).status_code == 200
    assert not AuditEvent.objects.filter(action="auth.login").exists()


def test_the_code_signs_in_and_is_audited_with_the_address(office, clock):
    secret, _codes = enrol(office.liaison_1)
    next_step(clock)
    client = _client()
    password_step(client, "liaison1")
    answer = code_step(client, code_now(secret))
    assert answer.status_code == 302 and signed_in(client)
    assert client.get("/api/v1/plans").status_code == 200
    passed = AuditEvent.objects.get(action="auth.second_factor")
    assert passed.ip == IP and passed.after["factor"] == "totp" and passed.actor == office.liaison_1
    assert AuditEvent.objects.filter(action="auth.login", actor=office.liaison_1).exists()


def test_a_replayed_code_is_refused(office, clock):
    secret, _codes = enrol(office.liaison_1)
    next_step(clock)
    code = code_now(secret)
    first = _client()
    password_step(first, "liaison1")
    code_step(first, code)
    assert signed_in(first)
    second = _client()  # someone who saw the code, within the same 30 seconds, with the password
    password_step(second, "liaison1")
    answer = code_step(second, code)
    assert answer.status_code == 422 and "验证码不正确或已使用过" in answer.content.decode()
    assert not signed_in(second)
    failed = AuditEvent.objects.get(action="auth.second_factor_failed")
    assert failed.result == AuditEvent.Result.FAILURE and failed.ip == IP


def test_a_recovery_code_signs_in_once(office, clock):
    _secret, codes = enrol(office.liaison_1)
    client = _client()
    password_step(client, "liaison1")
    code_step(client, codes[3])
    assert signed_in(client)
    used = AuditEvent.objects.get(action="auth.recovery_code_used")
    assert used.after == {"factor": "recovery_code", "recovery_codes_left": 9} and used.ip == IP
    again = _client()
    password_step(again, "liaison1")
    code_step(again, codes[3])
    assert not signed_in(again)


def test_five_wrong_codes_lock_the_account_even_with_the_right_password_in_between(office, clock):
    _secret, _codes = enrol(office.liaison_1)
    for attempt in range(5):
        client = _client()
        assert password_step(client, "liaison1")["Location"] == reverse("login_second_factor")
        code_step(client, f"00000{attempt}")
    next_step(clock)
    client = _client()
    # the lockout answers the password step as for a wrong password (one message for every refusal)
    assert password_step(client, "liaison1").status_code == 200
    assert not signed_in(client)
    assert AuditEvent.objects.filter(action="auth.locked").count() == 1


def test_a_locked_account_is_refused_at_the_code_step_without_checking_the_code(office, clock):
    secret, _codes = enrol(office.liaison_1)
    client = _client()
    password_step(client, "liaison1")
    for attempt in range(5):
        code_step(client, f"11111{attempt}")
    next_step(clock)
    answer = code_step(client, code_now(secret))
    assert answer.status_code == 422 and not signed_in(client)
    last = AuditEvent.objects.filter(action="auth.second_factor_failed").order_by("-pk").first()
    assert last.after["refused"] == "locked"


def test_the_code_step_expires_after_five_minutes(office, clock):
    secret, _codes = enrol(office.liaison_1)
    client = _client()
    password_step(client, "liaison1")
    clock.shift(timedelta(minutes=6))
    answer = code_step(client, code_now(secret))
    assert answer.status_code == 302 and answer["Location"] == reverse("login")
    assert not signed_in(client)


def test_a_person_without_a_second_factor_signs_in_with_the_password(office, clock):
    client = _client()
    answer = password_step(client, "liaison1", PASSWORD)
    assert answer.status_code == 302 and signed_in(client)


def test_the_code_page_without_a_password_step_goes_back_to_the_login(office, clock):
    secret, _codes = enrol(office.liaison_1)
    answer = code_step(_client(), pyotp.TOTP(secret).now())
    assert answer.status_code == 302 and answer["Location"] == reverse("login")
