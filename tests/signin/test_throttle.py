"""The per-address throttle: one address trying many names is refused after TAIZHANG_THROTTLE_FAILURES
failures in the window, without hashing, while other addresses sign in as usual."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import time_machine
from django.contrib.auth.hashers import MD5PasswordHasher
from django.utils import timezone

from taizhang.audit.models import AuditEvent
from tests.signin.conftest import PASSWORD
from tests.signin.test_lockout import sign_in


def _spray(settings, ip: str = "10.6.6.6") -> None:
    for n in range(settings.TAIZHANG_THROTTLE_FAILURES):
        sign_in(f"guess{n}", "wrong-口令-123", ip=ip)  # a different name each time: no account lockout


def test_an_address_that_failed_too_often_cannot_sign_in_even_rightly(office, settings):
    _spray(settings)
    assert sign_in("clerk2", PASSWORD, ip="10.6.6.6")[0] is False
    assert sign_in("clerk2", PASSWORD, ip="10.7.7.7")[0] is True
    assert AuditEvent.objects.filter(action="auth.login_failed", after__refused="throttled").count() == 1


def test_a_throttled_address_costs_no_hashing(office, settings):
    _spray(settings)
    with mock.patch.object(
        MD5PasswordHasher, "encode", autospec=True, side_effect=MD5PasswordHasher.encode
    ) as encoded:
        for n in range(20):
            sign_in(f"more{n}", "wrong-口令-123", ip="10.6.6.6")
    assert encoded.call_count == 0


def test_the_throttle_ends_with_its_window(office, settings):
    _spray(settings)
    later = timezone.now() + timedelta(minutes=settings.TAIZHANG_THROTTLE_MINUTES + 1)
    with time_machine.travel(later):
        assert sign_in("clerk2", PASSWORD, ip="10.6.6.6")[0] is True


def test_failures_spread_beyond_the_window_never_throttle(office, settings):
    start = timezone.now()
    for n in range(settings.TAIZHANG_THROTTLE_FAILURES * 2):
        with time_machine.travel(start + timedelta(minutes=n), tick=False):
            sign_in(f"slow{n}", "wrong-口令-123", ip="10.5.5.5")
    with time_machine.travel(start + timedelta(minutes=settings.TAIZHANG_THROTTLE_FAILURES * 2)):
        assert sign_in("clerk2", PASSWORD, ip="10.5.5.5")[0] is True
