"""The writes of 双因素认证: enrol and confirm TOTP, disable it, new recovery codes, the security
administrator's reset, and the sign-in's second step. Each audited with the client's address:
``second_factor.enrol`` / ``.disable`` / ``.reset`` / ``.recovery_codes``, and at sign-in
``auth.second_factor`` (passed), ``auth.recovery_code_used``, ``auth.second_factor_failed``.

A wrong code at sign-in is a failed sign-in for the lockout and the throttle (``signin_guard``); a wrong
code or password on one's own settings page is audited as a failure but locks nothing (the person is
already signed in with both factors)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from taizhang.accounts import signin_guard
from taizhang.accounts.codes import AccountCode
from taizhang.accounts.models import RecoveryCode, Role, TotpDevice, User
from taizhang.accounts.second_factor import recovery, totp
from taizhang.accounts.second_factor.factors import enrolled_factors
from taizhang.accounts.services import _not_self, _require_admin_over
from taizhang.accounts.sessions import sessions_end
from taizhang.audit.models import AuditEvent
from taizhang.audit.services import audit_record
from taizhang.lib.refusal import Refusal

ENROL = "second_factor.enrol"
DISABLE = "second_factor.disable"
RESET = "second_factor.reset"
RECOVERY_CODES = "second_factor.recovery_codes"
PASSED = "auth.second_factor"
RECOVERY_USED = "auth.recovery_code_used"
FAILED = "auth.second_factor_failed"
RECOVERY = "recovery_code"  # the factor name a recovery code passes as


def _wrong_code(user: User, action: str, *, ip: str | None, why: str = "code") -> Refusal:
    """Audit the failed attempt (in its own transaction: the refusal must not roll it back) and return the
    refusal to raise."""
    with transaction.atomic():
        audit_record(
            actor=user, action=action, obj=user, after={"wrong": why}, ip=ip, result=AuditEvent.Result.FAILURE
        )
    if why == "password":
        return Refusal(AccountCode.WRONG_PASSWORD, "当前密码不正确。", "The current password is not correct.")
    return Refusal(
        AccountCode.CODE_WRONG, "验证码不正确或已使用过。", "The code is wrong or has been used already."
    )


def totp_pending_secret(*, user: User) -> str:
    """The secret being enrolled: the one made on an earlier visit of the page while not yet confirmed (the
    person may have scanned it already), else a new one. Nothing is in force until confirmed, so nothing is
    audited here."""
    device = TotpDevice.objects.filter(user=user).first()
    if device is not None and device.confirmed_at is not None:
        raise Refusal(AccountCode.ALREADY_DONE, "动态口令已启用。", "The authenticator is already enrolled.")
    if device is not None and (secret := totp.secret_of(device)):
        return secret
    secret = totp.new_secret()
    TotpDevice.objects.update_or_create(user=user, defaults={"secret": secret, "last_step": 0})
    return secret


def totp_enrol_confirm(
    *, user: User, code: str, keep_session: str | None, ip: str | None = None
) -> list[str]:
    """启用动态口令: ``code`` from the authenticator proves it holds the secret; returns the ten recovery
    codes, shown once. The person's other sessions end (they were signed in without this factor)."""
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=True).first()
        if device is None:
            raise Refusal(
                AccountCode.NO_SECOND_FACTOR,
                "没有待启用的动态口令。",
                "There is no authenticator to confirm.",
            )
        step = totp.device_step_take(device, code)
        if step is not None:
            device.confirmed_at = timezone.now()
            device.save(update_fields=["confirmed_at"])
            codes = recovery.recovery_codes_replace(user)
            ended = sessions_end(user=user, keep=keep_session)
            audit_record(
                actor=user, action=ENROL, obj=user, after={"factor": "totp", "sessions_ended": ended}, ip=ip
            )
            return codes
    raise _wrong_code(user, ENROL, ip=ip)


def _proved(user: User, code: str, *, recovery_allowed: bool) -> bool:
    if totp.TotpFactor().verify(user, code, None):
        return True
    return recovery_allowed and recovery.recovery_code_take(user, code)


def second_factor_disable(
    *, user: User, password: str, code: str, keep_session: str | None, ip: str | None = None
) -> None:
    """停用动态口令 (also the first half of re-enrolling): the current password and a code (or a recovery
    code). The recovery codes go with it; the person's other sessions end."""
    if not totp.totp_enrolled(user):
        raise Refusal(AccountCode.NO_SECOND_FACTOR, "动态口令未启用。", "No authenticator is enrolled.")
    if not user.check_password(password):
        raise _wrong_code(user, DISABLE, ip=ip, why="password")
    if not _proved(user, code, recovery_allowed=True):
        raise _wrong_code(user, DISABLE, ip=ip)
    with transaction.atomic():
        TotpDevice.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        ended = sessions_end(user=user, keep=keep_session)
        audit_record(
            actor=user, action=DISABLE, obj=user, after={"factor": "totp", "sessions_ended": ended}, ip=ip
        )


def recovery_codes_regenerate(*, user: User, code: str, ip: str | None = None) -> list[str]:
    """重新生成恢复码 with a code from the authenticator: the old ten stop working; returns the new ten."""
    if not totp.totp_enrolled(user):
        raise Refusal(AccountCode.NO_SECOND_FACTOR, "动态口令未启用。", "No authenticator is enrolled.")
    if not _proved(user, code, recovery_allowed=False):
        raise _wrong_code(user, RECOVERY_CODES, ip=ip)
    with transaction.atomic():
        codes = recovery.recovery_codes_replace(user)
        audit_record(actor=user, action=RECOVERY_CODES, obj=user, after={"count": len(codes)}, ip=ip)
    return codes


def second_factor_reset(*, actor: User | None, user: User) -> None:
    """重置第二因素 by the security administrator, for a person who lost their phone and recovery codes:
    the authenticator and the recovery codes are forgotten and every session of the person ends; a role
    that requires a second factor enrols a new one at the next sign-in. Not one's own (三员分立: another
    security administrator, or the system's setup, does that)."""
    _require_admin_over(actor, Role.SECURITY_ADMIN, user=user, doing="重置第二因素")
    _not_self(actor, user, "不能重置自己的第二因素。", "You cannot reset your own second factor.")
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user).first()
        if device is None or device.confirmed_at is None:
            raise Refusal(
                AccountCode.NO_SECOND_FACTOR, f"{user} 未启用动态口令。", f"{user} has no authenticator."
            )
        left = recovery.recovery_codes_left(user)
        device.delete()
        RecoveryCode.objects.filter(user=user).delete()
        ended = sessions_end(user=user)
        audit_record(
            actor=actor,
            action=RESET,
            obj=user,
            before={"factor": "totp", "recovery_codes_unused": left},
            after={"sessions_ended": ended},
        )


def signin_second_step(*, user: User, code: str, request, ip: str | None) -> str | None:
    """The sign-in's second step for ``user`` (who gave the right password): the name of the factor that
    accepted ``code`` — one of their verifiers, else ``"recovery_code"`` — or ``None``. A refusal counts as
    a failed sign-in (lockout, throttle); a locked name or throttled address is refused before any code is
    checked, with the same answer."""
    username = user.get_username()
    why = signin_guard.refusal(username=username, ip=ip)
    passed = None
    if why is None:
        passed = next((f.name for f in enrolled_factors(user) if f.verify(user, code, request)), None)
        if passed is None and recovery.recovery_code_take(user, code):
            passed = RECOVERY
    if passed is not None:
        with transaction.atomic():
            signin_guard.success_record(username=username)
            after = {"factor": passed}
            if passed == RECOVERY:
                after["recovery_codes_left"] = recovery.recovery_codes_left(user)
            action = RECOVERY_USED if passed == RECOVERY else PASSED
            audit_record(actor=user, action=action, obj=user, after=after, source="web", ip=ip)
        return passed
    if why is None:  # as at the password step: a refused attempt is recorded, not counted again
        signin_guard.failure_record(username=username, ip=ip)
    with transaction.atomic():
        audit_record(
            actor=None,
            action=FAILED,
            obj=user,
            after={"username": username, **({"refused": why} if why else {})},
            source="web",
            ip=ip,
            result=AuditEvent.Result.FAILURE,
            place_as=user,
        )
    return None
