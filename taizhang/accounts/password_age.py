"""口令有效期: a password older than ``TAIZHANG_PASSWORD_MAX_AGE_DAYS`` (0: no expiry) must be changed at the
sign-in that finds it so. The sign-in sets ``must_change_password`` and the existing
``PasswordChangeRequiredMiddleware`` sends the person to the password page before anything else; audited
as ``password.expired``. An account that never recorded a change counts from the day it was made."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.utils import timezone

from taizhang.audit.services import audit_record

EXPIRED = "password.expired"


def password_expired(user, now=None) -> bool:
    days = settings.TAIZHANG_PASSWORD_MAX_AGE_DAYS
    if days <= 0 or not user.has_usable_password():
        return False
    changed = user.password_changed_at or user.date_joined
    return (now or timezone.now()) - changed > timedelta(days=days)


def _check_age(sender, request, user, **kwargs) -> None:
    if user.must_change_password or not password_expired(user):
        return
    with transaction.atomic():
        user.must_change_password = True
        user.save(update_fields=["must_change_password"])
        audit_record(
            actor=user,
            action=EXPIRED,
            obj=user,
            after={"password_changed_at": user.password_changed_at, "must_change_password": True},
            source="web",
        )


def connect() -> None:
    user_logged_in.connect(_check_age, dispatch_uid="taizhang_password_age")
