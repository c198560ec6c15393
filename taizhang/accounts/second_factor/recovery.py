"""恢复码: ten one-time codes for signing in when the authenticator is lost, shown once when made. Each is
10 characters of a 32-letter alphabet (50 bits); only its HMAC-SM3 under the keyring is stored, with the
user's id mixed in, so a copy of the database alone does not let anyone search for them."""

from __future__ import annotations

import secrets

from django.utils import timezone

from taizhang.accounts.models import RecoveryCode, User
from taizhang.lib.gm import hmac_sm3
from taizhang.lib.keys import keyring

COUNT = 10
LENGTH = 10
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read off paper


def _clean(code: str) -> str:
    return "".join(ch for ch in (code or "").lower() if ch.isalnum())[:32]


def _digests(user_pk: int, code: str) -> list[str]:
    """The digest under every key of the keyring (the current one first): a code made before a key
    rotation still works."""
    data = f"{user_pk}:{_clean(code)}".encode()
    ring = keyring()
    keys = [ring.current, *(key for key in ring.keys.values() if key.kid != ring.current.kid)]
    return [f"{key.kid}:{hmac_sm3(key.mac_key, data)}" for key in keys]


def looks_like_recovery_code(code: str) -> bool:
    cleaned = _clean(code)
    return len(cleaned) == LENGTH and set(cleaned) <= set(ALPHABET)


def recovery_codes_replace(user: User) -> list[str]:
    """Forget ``user``'s codes and make ten new ones; returns them (the only time they exist in clear).
    Runs in the caller's transaction."""
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(LENGTH)) for _ in range(COUNT)]
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, digest=_digests(user.pk, c)[0]) for c in codes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def recovery_code_take(user: User, code: str) -> bool:
    """Use one of ``user``'s unused codes: true once per code (the update is conditional, so two requests
    racing with the same code cannot both win)."""
    if not looks_like_recovery_code(code):
        return False
    unused = RecoveryCode.objects.filter(user=user, used_at__isnull=True, digest__in=_digests(user.pk, code))
    return unused.update(used_at=timezone.now()) > 0


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()
