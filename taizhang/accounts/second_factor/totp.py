"""动态口令 (TOTP, RFC 6238) as the built-in second factor: 30-second steps, 6 digits, HMAC-SHA1 (what every
authenticator app reads from an ``otpauth://`` URI), a code accepted one step early or late for clock drift.
A code whose step is not after the last accepted one is refused, so an overheard code cannot be replayed.

The secret is sealed with SM4-GCM under the keyring, bound to its row by the associated data (the user's id
and the purpose): ``secret_seal``/``secret_open`` are the only two places that know, so the column can move
to the shared encrypted field type later without touching the rest."""

from __future__ import annotations

import base64
import hmac
from datetime import datetime

import pyotp
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from taizhang.accounts.models import TotpDevice, User
from taizhang.lib.gm import DecryptError, sm4_gcm_decrypt, sm4_gcm_encrypt
from taizhang.lib.keys import keyring

DIGITS = 6
INTERVAL = 30
DRIFT_STEPS = 1


def _aad(user_pk: int) -> bytes:
    return f"accounts.totpdevice.secret user={user_pk}".encode()


def secret_seal(*, user_pk: int, secret: str) -> str:
    """The base32 ``secret`` as stored: an SM4-GCM envelope under the current key, in base64."""
    envelope = sm4_gcm_encrypt(keyring().current, secret.encode("ascii"), aad=_aad(user_pk))
    return base64.b64encode(envelope).decode("ascii")


def secret_open(*, user_pk: int, sealed: str) -> str | None:
    """The secret of ``sealed``, or ``None`` when it does not open (altered, copied from another row, or a
    key no longer in the keyring): then no code matches and the person is refused, never let in."""
    try:
        return sm4_gcm_decrypt(keyring().keys, base64.b64decode(sealed), aad=_aad(user_pk)).decode("ascii")
    except (DecryptError, ValueError):
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
    secret = secret_open(user_pk=device.user_id, sealed=device.secret)
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
