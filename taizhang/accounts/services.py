"""Writes for users, role grants and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from taizhang.accounts.codes import AccountCode
from taizhang.accounts.models import ADMIN_ROLES, UNIT_ROLES, ApiToken, Role, RoleGrant, User
from taizhang.accounts.scope import scope_changed
from taizhang.audit.services import audit_record, snapshot
from taizhang.lib.refusal import Refusal
from taizhang.units.models import Region, Unit

TOKEN_PREFIX = "tz_"
_USER_FIELDS = ["username", "display_name", "unit", "is_active"]


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def user_create(
    *, username: str, display_name: str, unit: Unit | None, password: str | None = None, actor: User | None
) -> User:
    """A new account. Without a password it cannot sign in until one is set."""
    with transaction.atomic():
        user = User(username=username.strip(), display_name=display_name.strip(), unit=unit)
        if password:
            password_validation.validate_password(password, user)
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean()
        user.save()
        audit_record(actor=actor, action="user.create", obj=user, after=snapshot(user, fields=_USER_FIELDS))
    return user


def role_grant(
    *, user: User, role: str, unit: Unit | None = None, region: Region | None = None, actor: User | None
) -> RoleGrant:
    """Give ``user`` ``role`` over a unit or a region and below. A liaison or unit head acts for the unit
    they belong to, so their grant must name that unit."""
    if role in UNIT_ROLES and (unit is None or unit.pk != user.unit_id):
        raise ValidationError({"unit": "联络员和单位负责人只能在本人所在单位任职。"})
    with transaction.atomic():
        check_duties_apart(user=user, role=role)
        grant = RoleGrant(user=user, role=role, unit=unit, region=region)
        grant.full_clean()
        grant.save()
        audit_record(actor=actor, action="role.grant", obj=grant, after=snapshot(grant))
    scope_changed()
    return grant


def check_duties_apart(*, user: User, role: str) -> None:
    """三员分立: an administrator (系统/安全/审计管理员) holds one duty over one region and no business role;
    a person with a business role is never made an administrator. Read under a lock on the user's grants,
    so two grants at once cannot both pass (and the database keeps one duty per person regardless)."""
    held = set(RoleGrant.objects.select_for_update().filter(user=user).values_list("role", flat=True))
    if role in ADMIN_ROLES and held:  # another duty, a business role, or this duty over a second region
        raise Refusal(
            AccountCode.DUTIES_APART,
            f"{user} 已有其他角色，不能再担任{Role(role).label}（三员分立）。",
            f"{user} holds another role and cannot also be {Role(role).name.lower()} (separation of duties).",
        )
    if role not in ADMIN_ROLES and held & set(ADMIN_ROLES):
        raise Refusal(
            AccountCode.DUTIES_APART,
            f"{user} 是管理员，不能再担任业务角色（三员分立）。",
            f"{user} is an administrator and cannot also hold a business role (separation of duties).",
        )


def role_revoke(*, grant: RoleGrant, actor: User | None) -> None:
    with transaction.atomic():
        before = snapshot(grant)
        audit_record(actor=actor, action="role.revoke", obj=grant, before=before)
        grant.delete()
    scope_changed()


def api_token_create(
    *, user: User, name: str, expires_at: datetime | None = None, actor: User | None
) -> tuple[ApiToken, str]:
    """Make a token; returns the row and the token text, which is never stored and cannot be shown again."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken(
            user=user, name=name.strip(), prefix=raw[:8], digest=token_digest(raw), expires_at=expires_at
        )
        token.full_clean()
        token.save()
        audit_record(
            actor=actor,
            action="api_token.create",
            obj=token,
            after=snapshot(token, fields=["user", "name", "prefix", "expires_at"]),
        )
    return token, raw


def api_token_revoke(*, token: ApiToken, actor: User | None) -> None:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor, action="api_token.revoke", obj=token, after={"revoked_at": token.revoked_at}
        )


# How stale ``last_used_at`` may get: stamping every call would turn each read into a write.
TOKEN_USE_RESOLUTION_SECONDS = 60


def api_token_mark_used(*, token: ApiToken) -> None:
    """Stamp the token's last use, at most once a minute. Bookkeeping like ``last_login``, so no audit
    entry: the audit log records changes, and a read through the API changes nothing."""
    now = timezone.now()
    last = token.last_used_at
    if last is not None and (now - last).total_seconds() < TOKEN_USE_RESOLUTION_SECONDS:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
