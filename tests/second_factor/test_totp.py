"""动态口令 itself: RFC 6238 codes accepted one step early or late and no further, a code never accepted
twice, the secret stored only as an SM4-GCM envelope bound to its row, recovery codes good once."""

from __future__ import annotations

from datetime import timedelta

import pyotp
import pytest
from django.db import connection
from django.utils import timezone

from taizhang.accounts.models import RecoveryCode, TotpDevice
from taizhang.accounts.second_factor import recovery, totp
from tests.second_factor.conftest import enrol, next_step


@pytest.mark.parametrize(
    ("offset", "accepted"), [(-60, False), (-30, True), (0, True), (30, True), (60, False)]
)
def test_a_code_is_accepted_within_one_step_of_drift(office, clock, offset, accepted):
    secret, _codes = enrol(office.liaison_1)
    next_step(clock)
    next_step(clock)
    next_step(clock)  # well past the enrolment's step
    code = pyotp.TOTP(secret).at(timezone.now() + timedelta(seconds=offset))
    assert totp.TotpFactor().verify(office.liaison_1, code, None) is accepted


def test_a_code_used_once_is_refused_the_second_time(office, clock):
    secret, _codes = enrol(office.liaison_1)
    next_step(clock)
    code = pyotp.TOTP(secret).now()
    factor = totp.TotpFactor()
    assert factor.verify(office.liaison_1, code, None) is True
    assert factor.verify(office.liaison_1, code, None) is False


def test_an_older_code_is_refused_after_a_newer_one_was_used(office, clock):
    secret, _codes = enrol(office.liaison_1)
    next_step(clock)
    next_step(clock)
    earlier = pyotp.TOTP(secret).at(timezone.now() - timedelta(seconds=30))
    assert totp.TotpFactor().verify(office.liaison_1, pyotp.TOTP(secret).now(), None) is True
    assert totp.TotpFactor().verify(office.liaison_1, earlier, None) is False


def test_the_enrolment_code_cannot_be_replayed_at_sign_in(office, clock):
    secret, _codes = enrol(office.liaison_1)
    assert totp.TotpFactor().verify(office.liaison_1, pyotp.TOTP(secret).now(), None) is False


def test_the_secret_is_stored_encrypted_and_only_opens_on_its_own_row(office, clock):
    secret, _codes = enrol(office.liaison_1)
    device = TotpDevice.objects.get(user=office.liaison_1)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_totpdevice WHERE id = %s", [device.pk])
        (stored,) = cursor.fetchone()
    assert stored.startswith("sm4g:") and secret not in stored
    assert totp.secret_of(device) == secret
    # the stored value copied onto another person's row does not open there, and no code passes
    other = TotpDevice.objects.create(user=office.clerk_2, secret="placeholder", confirmed_at=timezone.now())
    with connection.cursor() as cursor:
        cursor.execute("UPDATE accounts_totpdevice SET secret = %s WHERE id = %s", [stored, other.pk])
    assert totp.secret_of(TotpDevice.objects.get(pk=other.pk)) is None
    next_step(clock)
    assert totp.TotpFactor().verify(office.clerk_2, pyotp.TOTP(secret).now(), None) is False


def test_ten_recovery_codes_each_good_once_stored_as_digests(office, clock):
    _secret, codes = enrol(office.liaison_1)
    assert len(set(codes)) == 10
    digests = list(RecoveryCode.objects.filter(user=office.liaison_1).values_list("digest", flat=True))
    assert not any(code.replace("-", "") in digest for code in codes for digest in digests)
    assert recovery.recovery_code_take(office.liaison_1, codes[0].upper()) is True  # typed in capitals
    assert recovery.recovery_code_take(office.liaison_1, codes[0]) is False
    assert recovery.recovery_code_take(office.clerk_2, codes[1]) is False  # another person's code
    assert recovery.recovery_codes_left(office.liaison_1) == 9
