"""登录失败处理: account lockout and a per-address throttle, checked before any password is hashed.

An account name is locked for ``TAIZHANG_LOCKOUT_MINUTES`` after ``TAIZHANG_LOCKOUT_FAILURES`` consecutive
failures (a success clears the count; the lockout ends by itself, or earlier by the security administrator,
``services.signin_unlock``). A client address is refused for the rest of its window after
``TAIZHANG_THROTTLE_FAILURES`` failures within ``TAIZHANG_THROTTLE_MINUTES``, whatever names it tries. The
counts are rows of ``SignInCounter``, so every worker process and host sees them.

``GuardedModelBackend`` is the one authentication backend: a locked name or a throttled address returns
``None`` before ``ModelBackend`` looks the person up or hashes anything, so a flood of bad sign-ins costs a
query each, not an Argon2 hash. Django then answers with the same message as for a wrong name or password,
and fires ``user_login_failed`` (audited as ``auth.login_failed``, with ``refused`` naming the reason). The
lockout itself is audited once, when it starts, as ``auth.locked``.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from taizhang.accounts.models import SignInCounter, User
from taizhang.accounts.second_factor import factors as second_factors
from taizhang.audit.models import AuditEvent
from taizhang.audit.services import audit_record
from taizhang.lib.client_ip import client_ip

LOCKED = "auth.locked"
# Set on the request when the guard refused before checking the password: "locked" or "throttled".
REFUSED_ATTR = "taizhang_signin_refused"

Kind = SignInCounter.Kind


def account_key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def refusal(*, username: str, ip: str | None) -> str | None:
    """``"locked"``, ``"throttled"`` or ``None``: one query, no hashing."""
    now = timezone.now()
    keys = Q(kind=Kind.ACCOUNT, key=account_key(username))
    if ip:
        keys |= Q(kind=Kind.ADDRESS, key=ip)
    blocked = SignInCounter.objects.filter(keys, locked_until__gt=now).values_list("kind", flat=True)
    kinds = set(blocked)
    if Kind.ACCOUNT in kinds:
        return "locked"
    if Kind.ADDRESS in kinds:
        return "throttled"
    return None


def _count(kind: str, key: str, *, limit: int, minutes: int, windowed: bool) -> tuple[SignInCounter, bool]:
    """Add one failure to the counter ``kind:key``; returns it and whether this failure locked it."""
    now = timezone.now()
    counter, _created = SignInCounter.objects.select_for_update().get_or_create(
        kind=kind, key=key, defaults={"window_start": now}
    )
    expired_lock = counter.locked_until is not None and counter.locked_until <= now
    stale_window = windowed and counter.window_start <= now - timedelta(minutes=minutes)
    if expired_lock or stale_window:
        counter.failures, counter.window_start, counter.locked_until = 0, now, None
    counter.failures += 1
    locks = counter.failures >= limit and counter.locked_until is None
    if locks:  # an address until its window closes; an account for the full period from now
        counter.locked_until = (counter.window_start if windowed else now) + timedelta(minutes=minutes)
    counter.save()
    return counter, locks


def failure_record(*, username: str, ip: str | None) -> bool:
    """Count a failed sign-in against the name and the address; audits ``auth.locked`` when the name's
    lockout starts. Returns whether the name is now locked."""
    name = account_key(username)
    with transaction.atomic():
        counter, locked = _count(
            Kind.ACCOUNT,
            name,
            limit=settings.TAIZHANG_LOCKOUT_FAILURES,
            minutes=settings.TAIZHANG_LOCKOUT_MINUTES,
            windowed=False,
        )
        if ip:
            _count(
                Kind.ADDRESS,
                ip,
                limit=settings.TAIZHANG_THROTTLE_FAILURES,
                minutes=settings.TAIZHANG_THROTTLE_MINUTES,
                windowed=True,
            )
        if locked:
            account = User.objects.filter(username__iexact=name).first() if name else None
            audit_record(
                actor=None,
                action=LOCKED,
                obj=account,
                after={"username": name, "failures": counter.failures, "locked_until": counter.locked_until},
                ip=ip,
                result=AuditEvent.Result.FAILURE,
                place_as=account,
            )
    return counter.locked_until is not None


def address_refused(ip: str | None) -> bool:
    """Whether the client address is throttled now (one query): for other public pages that take a secret,
    such as the rater page of 民主测评, which count their wrong guesses against the same address."""
    return (
        bool(ip)
        and SignInCounter.objects.filter(kind=Kind.ADDRESS, key=ip, locked_until__gt=timezone.now()).exists()
    )


def address_failure_record(ip: str | None) -> None:
    """A wrong secret from ``ip`` on a public page other than sign-in: one failure on the address counter
    sign-in uses, so guesses there and at sign-in share the one throttle."""
    if ip:
        with transaction.atomic():
            _count(
                Kind.ADDRESS,
                ip,
                limit=settings.TAIZHANG_THROTTLE_FAILURES,
                minutes=settings.TAIZHANG_THROTTLE_MINUTES,
                windowed=True,
            )


def success_record(*, username: str) -> None:
    """A sign-in succeeded: the name's consecutive failures start again from zero."""
    SignInCounter.objects.filter(kind=Kind.ACCOUNT, key=account_key(username)).delete()


def locked_until(user: User):
    """When ``user``'s lockout ends, or ``None`` when the account is not locked."""
    row = SignInCounter.objects.filter(
        kind=Kind.ACCOUNT, key=account_key(user.get_username()), locked_until__gt=timezone.now()
    ).first()
    return row.locked_until if row else None


class GuardedModelBackend(ModelBackend):
    """``ModelBackend`` behind the lockout and the throttle (see the module docstring)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if username is None or password is None:
            return None
        ip = client_ip(request) if request is not None else None
        why = refusal(username=username, ip=ip)
        if why is not None:
            if request is not None:
                setattr(request, REFUSED_ATTR, why)
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            failure_record(username=username, ip=ip)
        elif not second_factors.enrolled_factors(user):
            # With a second factor, the sign-in succeeds only at the code (``second_factor.services``): a
            # right password must not wipe the count of wrong codes, or codes could be guessed for ever.
            success_record(username=username)
        return user
