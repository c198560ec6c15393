"""Sign-in, sign-out and failed sign-in as audit entries, with the client address.

Django announces them with signals (``user_logged_in``, ``user_logged_out``, ``user_login_failed``); these
receivers are connected in ``AccountsConfig.ready``. A failed attempt records the account name tried, never
the password, and is placed at that account when it exists (nowhere when it does not)."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction

from taizhang.accounts.models import User
from taizhang.audit.models import AuditEvent
from taizhang.audit.services import audit_record
from taizhang.lib.client_ip import client_ip

SIGN_IN = "auth.login"
SIGN_OUT = "auth.logout"
SIGN_IN_FAILED = "auth.login_failed"


def _signed_in(sender, request, user, **kwargs) -> None:
    with transaction.atomic():
        audit_record(actor=user, action=SIGN_IN, obj=user, source="web", ip=client_ip(request))


def _signed_out(sender, request, user, **kwargs) -> None:
    if user is None or not user.is_authenticated:
        return  # signing out with no session: nobody to record
    with transaction.atomic():
        audit_record(actor=user, action=SIGN_OUT, obj=user, source="web", ip=client_ip(request))


def _sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    tried = str(credentials.get(User.USERNAME_FIELD) or "")[:150]
    account = User.objects.filter(**{User.USERNAME_FIELD: tried}).first() if tried else None
    with transaction.atomic():
        audit_record(
            actor=None,
            action=SIGN_IN_FAILED,
            obj=account,
            after={"username": tried, **_refused(request)},
            source="web" if request is not None else "",
            ip=client_ip(request),
            result=AuditEvent.Result.FAILURE,
            place_as=account,
        )


def _refused(request) -> dict[str, str]:
    """Why the guard refused before the password was checked (``signin_guard``), if it did."""
    why = getattr(request, "taizhang_signin_refused", None)
    return {"refused": why} if why else {}


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="taizhang_audit_sign_in")
    user_logged_out.connect(_signed_out, dispatch_uid="taizhang_audit_sign_out")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="taizhang_audit_sign_in_failed")
