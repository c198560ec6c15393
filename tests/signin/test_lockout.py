"""登录失败处理 as an evaluator tries it at the sign-in page: five wrong passwords lock the account for the
period whatever comes next, the same message whether the name, the password or the lockout is wrong, no
hashing while locked, the lockout audited once and over by itself after the period."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from taizhang.audit.models import AuditEvent
from tests.signin.conftest import PASSWORD


def sign_in(username: str, password: str, ip: str = "10.1.1.1") -> tuple[bool, str]:
    client = Client(REMOTE_ADDR=ip)
    answer = client.post(reverse("login"), {"username": username, "password": password})
    return answer.status_code == 302, answer.content.decode()


def _error(page: str) -> str:
    return page.split('class="errorlist"', 1)[1].split("</ul>", 1)[0]


def test_five_wrong_passwords_then_the_right_one_is_refused(office):
    for _attempt in range(5):
        assert sign_in("liaison1", "wrong-口令-123")[0] is False
    assert sign_in("liaison1", PASSWORD)[0] is False


def test_four_wrong_passwords_then_the_right_one_signs_in_and_starts_the_count_again(office):
    for _round in range(2):
        for _attempt in range(4):
            sign_in("liaison1", "wrong-口令-123")
        assert sign_in("liaison1", PASSWORD)[0] is True


def test_a_locked_account_reads_like_a_wrong_name_or_password(office):
    unknown = _error(sign_in("nobody-here", "wrong-口令-123")[1])
    wrong = _error(sign_in("clerk2", "wrong-口令-123")[1])
    for _attempt in range(5):
        sign_in("liaison1", "wrong-口令-123")
    locked = _error(sign_in("liaison1", PASSWORD)[1])
    assert unknown == wrong == locked


def test_the_lockout_is_in_any_letter_case_of_the_name(office):
    for _attempt in range(5):
        sign_in("Liaison1", "wrong-口令-123")
    assert sign_in("liaison1", PASSWORD)[0] is False


def test_the_lockout_ends_by_itself_after_the_period(office, settings):
    for _attempt in range(5):
        sign_in("liaison1", "wrong-口令-123")
    with time_machine.travel(timezone.now() + timedelta(minutes=settings.TAIZHANG_LOCKOUT_MINUTES - 1)):
        assert sign_in("liaison1", PASSWORD)[0] is False
    with time_machine.travel(timezone.now() + timedelta(minutes=settings.TAIZHANG_LOCKOUT_MINUTES + 1)):
        assert sign_in("liaison1", PASSWORD)[0] is True


def test_no_password_is_hashed_while_the_account_is_locked(office):
    for _attempt in range(5):
        sign_in("liaison1", "wrong-口令-123")
    verify = mock.patch.object(
        MD5PasswordHasher, "verify", autospec=True, side_effect=MD5PasswordHasher.verify
    )
    encode = mock.patch.object(
        MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode
    )
    with verify as verified, encode as encoded:
        for _attempt in range(10):
            sign_in("liaison1", PASSWORD, ip=f"10.2.0.{_attempt}")
    assert verified.call_count == 0 and encoded.call_count == 0


def test_the_lockout_is_audited_once_with_the_name_and_address(office):
    for _attempt in range(7):
        sign_in("liaison1", "wrong-口令-123", ip="10.9.8.7")
    locked = AuditEvent.objects.filter(action="auth.locked")
    assert locked.count() == 1
    entry = locked.get()
    assert entry.object_id == str(office.liaison_1.pk) and entry.ip == "10.9.8.7"
    assert entry.result == AuditEvent.Result.FAILURE and entry.after["username"] == "liaison1"
    refused = AuditEvent.objects.filter(action="auth.login_failed", after__refused="locked")
    assert refused.count() == 2  # the two attempts after the lockout began, refused unchecked
