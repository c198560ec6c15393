"""The second-factor verifiers (第二因素) and who must use one.

A verifier is any class named in ``TAIZHANG_SECOND_FACTORS`` (dotted paths, built-in TOTP first) with:

- ``name``: a short id kept in the audit log (``"totp"``, ``"sm2_key"``);
- ``label``: what the sign-in page calls it (a gettext msgid, Chinese);
- ``enrolled(user) -> bool``: whether ``user`` has this factor in use;
- ``verify(user, code, request) -> bool``: whether ``code`` (what the person typed or the page posted) proves
  the factor now. It must refuse a code it accepted before (replay) and must not raise on bad input;
- ``enrol_url() -> str | None``: the page where a person enrols it themselves, or ``None`` when an
  administrator issues it (a USB key handed out with its certificate);
- optionally ``challenge(user, request) -> str | None``: a text the second step shows in ``data-challenge``
  for a vendor's client component to sign (an SM2 USB key), to be checked by ``verify``.

The sign-in asks the person's enrolled verifiers in order; a recovery code (``recovery``) is tried last.
Docs: docs/security.md, "第二因素的接入".
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import roles_held


class SecondFactor(Protocol):
    name: str
    label: str

    def enrolled(self, user: User) -> bool: ...

    def verify(self, user: User, code: str, request) -> bool: ...

    def enrol_url(self) -> str | None: ...


@lru_cache(maxsize=4)
def _load(paths: tuple[str, ...]) -> tuple[SecondFactor, ...]:
    loaded = []
    for path in paths:
        try:
            loaded.append(import_string(path)())
        except (ImportError, TypeError) as exc:
            raise ImproperlyConfigured(f"TAIZHANG_SECOND_FACTORS: cannot use {path!r}: {exc}") from None
    return tuple(loaded)


def factors() -> tuple[SecondFactor, ...]:
    """The configured verifiers, made once per setting value."""
    return _load(tuple(settings.TAIZHANG_SECOND_FACTORS))


def enrolled_factors(user: User) -> list[SecondFactor]:
    return [factor for factor in factors() if factor.enrolled(user)]


def required_roles() -> frozenset[str]:
    roles = frozenset(settings.TAIZHANG_2FA_REQUIRED_ROLES)
    if unknown := roles - set(Role.values):
        raise ImproperlyConfigured(f"TAIZHANG_2FA_REQUIRED_ROLES: no such role {sorted(unknown)}")
    return roles


def factor_required(user: User) -> bool:
    """Whether ``user`` holds a role that must sign in with a second factor (roles read once per request)."""
    needed = required_roles()
    return bool(needed) and bool(roles_held(user) & needed)


def check_second_factors(app_configs=None, **kwargs) -> list:
    """System check: the two settings name real roles and importable verifiers."""
    from django.core.checks import Error

    errors = []
    for check in (required_roles, factors):
        try:
            check()
        except ImproperlyConfigured as exc:
            errors.append(Error(str(exc), id="taizhang.E_SECOND_FACTOR"))
    return errors
