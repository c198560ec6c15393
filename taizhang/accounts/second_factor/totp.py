"""动态口令 (TOTP, RFC 6238) as the built-in second factor: 30-second steps, 6 digits, HMAC-SHA1 (what every
authenticator app reads from an ``otpauth://`` URI), a code accepted one step early or late for clock drift.
A code whose step is not after the last accepted one is refused, so an overheard code cannot be replayed.

The secret is an encrypted column (``lib.fields``: SM4-GCM under the keyring, bound to its table, column and
row); ``secret_of`` turns a value that does not open into "no secret", so such a person is refused, never let
in."""

from __future__ import annotations

import hmac
from datetime import datetime

import pyotp
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from taizhang.accounts.models import TotpDevice, User
from taizhang.lib.fields import EncryptedValueError

DIGITS = 6
INTERVAL = 30
DRIFT_STEPS = 1


def secret_of(device: TotpDevice) -> str | None:
    """The device's secret, or ``None`` when its stored value does not open (altered, copied from another
    row, or under a key no longer in the keyring)."""
    try:
        return device.secret or None
    except EncryptedValueError:
        return None


def new_secret() -> str:
    return pyotp.random_base32()  # 160 bits, as RFC 4226 recommends


def provisioning_uri(*, user: User, secret: str) -> str:
    """The ``otpauth://totp/…`` URI an authenticator app reads from the QR code."""
    issuer = settings.TAIZHANG_TOTP_ISSUER
    return pyotp.TOTP(secret, digits=DIGITS, interval=INTERVAL).provisioning_uri(
        name=user.get_username(), issuer_name=issuer
    )


def clean_code(code: str) -> str:
    return "".join((code or "").split())[:32]


def step_matched(secret: str, code: str, now: datetime | None = None) -> int | None:
    """The time step within ±``DRIFT_STEPS`` of ``now`` whose code is ``code``, or ``None``."""
    code = clean_code(code)
    if len(code) != DIGITS or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret, digits=DIGITS, interval=INTERVAL)
    current = totp.timecode(now or timezone.now())
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def device_step_take(device: TotpDevice, code: str) -> int | None:
    """Accept ``code`` for the locked ``device`` row: its step, recorded as used, or ``None`` (wrong, or a
    step already used: a replay). Runs in the caller's transaction, on a row read ``select_for_update``."""
    secret = secret_of(device)
    step = step_matched(secret, code) if secret else None
    if step is None or step <= device.last_step:
        return None
    device.last_step = step
    device.save(update_fields=["last_step"])
    return step


def totp_enrolled(user: User) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


class TotpFactor:
    """The built-in verifier (``factors.SecondFactor``)."""

    name = "totp"
    label = gettext_noop("手机动态口令")

    def enrolled(self, user: User) -> bool:
        return totp_enrolled(user)

    def verify(self, user: User, code: str, request) -> bool:
        with transaction.atomic():
            device = (
                TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
            )
            return device is not None and device_step_take(device, code) is not None

    def enrol_url(self) -> str | None:
        return reverse("second_factor")
