"""Writes for users, role grants and API tokens."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from taizhang.accounts import signin_guard
from taizhang.accounts.administrators import (
    covers_grant,
    covers_region,
    covers_unit,
    covers_user,
)
from taizhang.accounts.codes import AccountCode
from taizhang.accounts.grants import grant_seal
from taizhang.accounts.models import ADMIN_ROLES, UNIT_ROLES, ApiToken, Role, RoleGrant, User
from taizhang.accounts.passwords import history_keep, one_time_password
from taizhang.accounts.scope import region_ids_in_scope, scope_changed
from taizhang.accounts.sessions import sessions_end
from taizhang.audit.services import audit_record, snapshot
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.units.models import Region, Unit

TOKEN_PREFIX = "tz_"
USER_FIELDS = ["username", "display_name", "unit", "email", "mobile", "is_active", "must_change_password"]


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def user_create(
    *,
    username: str,
    display_name: str,
    unit: Unit | None,
    password: str | None = None,
    email: str = "",
    mobile: str = "",
    must_change_password: bool = False,
    actor: User | None,
) -> User:
    """A new account. Without a password it cannot sign in until one is set. A username already taken,
    in any letter case (zhangsan and ZhangSan are one name to a person), is refused."""
    username = (username or "").strip()
    check_username(username)
    with transaction.atomic():
        user = User(
            username=username,
            display_name=display_name.strip(),
            unit=unit,
            email=(email or "").strip(),
            mobile=(mobile or "").strip(),
            must_change_password=must_change_password,
        )
        if password:
            _validate_password(password, user)
            user.set_password(password)
            user.password_changed_at = timezone.now()
        else:
            user.set_unusable_password()
        user.full_clean(validate_unique=False)
        try:
            with transaction.atomic():  # a concurrent create of the same name: the unique index decides
                user.save()
        except IntegrityError:
            raise username_taken(username) from None
        audit_record(actor=actor, action="user.create", obj=user, after=snapshot(user, fields=USER_FIELDS))
    return user


def check_username(username: str) -> None:
    if not username:
        raise Refusal(AccountCode.USERNAME_REQUIRED, "请填写用户名。", "A username is required.")
    if len(username) > 150:
        raise Refusal(AccountCode.USERNAME_TOO_LONG, "用户名不超过 150 个字符。", "The username is too long.")
    if User.objects.filter(username__iexact=username).exists():
        raise username_taken(username)


def username_taken(username: str) -> Refusal:
    return Refusal(
        AccountCode.USERNAME_TAKEN,
        f"用户名“{username}”已被使用，请换一个。",
        f"The username {username!r} is already taken; choose another.",
    )


def _validate_password(password: str, user: User) -> None:
    """The password policy (AUTH_PASSWORD_VALIDATORS), refused as one ``Refusal``."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        zh = " ".join(exc.messages)
        raise Refusal(
            AccountCode.WEAK_PASSWORD, f"密码不符合要求：{zh}", "The password is too weak."
        ) from exc


def role_grant(
    *, user: User, role: str, unit: Unit | None = None, region: Region | None = None, actor: User | None
) -> RoleGrant:
    """Give ``user`` ``role`` over a unit or a region and below. A liaison or unit head acts for the unit
    they belong to, so their grant must name that unit."""
    check_grant_reach(user=user, role=role, unit=unit, region=region)
    with transaction.atomic():
        held = check_duties_apart(user=user, role=role)
        check_not_held(user=user, role=role, unit=unit, region=region, held=held)
        grant = RoleGrant(user=user, role=role, unit=unit, region=region)
        grant.seal = grant_seal(user.pk, role, unit.pk if unit else None, region.pk if region else None)
        # The constraints were checked above, from the one read of the person's grants: full_clean would
        # ask the database once per constraint, which made importing 2,000 people take minutes.
        grant.full_clean(validate_unique=False, validate_constraints=False)
        grant.save()
        audit_record(actor=actor, action="role.grant", obj=grant, after=snapshot(grant))
    scope_changed()
    return grant


def check_grant_reach(*, user: User, role: str, unit: Unit | None, region: Region | None) -> None:
    """A grant's reach, before any query: a liaison or unit head over their own unit, every grant over one
    unit or one region, an administrator over a region. ``role_grant``'s rule, and ``role_grants_many``'s."""
    if role in UNIT_ROLES and (unit is None or unit.pk != user.unit_id):
        raise ValidationError({"unit": "联络员和单位负责人只能在本人所在单位任职。"})
    if (unit is None) == (region is None):
        raise ValidationError("授权范围须为一个单位或一个行政区划。")
    if role in ADMIN_ROLES and region is None:
        raise ValidationError({"region": "管理员的授权范围须为行政区划。"})


Held = set[tuple[str, int | None, int | None]]  # a person's grants as (role, unit id, region id)


def check_not_held(*, user: User, role: str, unit: Unit | None, region: Region | None, held: Held) -> None:
    """The same role over the same reach is not given twice (``held``: the person's grants, read locked)."""
    if (role, unit.pk if unit else None, region.pk if region else None) in held:
        raise ValidationError(f"{user} 已在该范围内担任{Role(role).label}。")


def check_duties_apart(*, user: User, role: str) -> Held:
    """三员分立: an administrator (系统/安全/审计管理员) holds one duty over one region and no business role;
    a person with a business role is never made an administrator. Read under a lock on the user's grants,
    so two grants at once cannot both pass (and the database keeps one duty per person regardless).
    Returns the grants the person holds, as (role, unit id, region id)."""
    grants = set(
        RoleGrant.objects.select_for_update().filter(user=user).values_list("role", "unit_id", "region_id")
    )
    duties_apart(user=user, role=role, held=grants)
    return grants


def duties_apart(*, user: User, role: str, held: Held) -> None:
    """``check_duties_apart``'s rule on grants read already (``role_grants_many`` reads many at once)."""
    roles = {held_role for held_role, _, _ in held}
    if role in ADMIN_ROLES and roles:  # another duty, a business role, or this duty over a second region
        raise Refusal(
            AccountCode.DUTIES_APART,
            f"{user} 已有其他角色，不能再担任{Role(role).label}（三员分立）。",
            f"{user} holds another role and cannot also be {Role(role).name.lower()} (separation of duties).",
        )
    if role not in ADMIN_ROLES and roles & set(ADMIN_ROLES):
        raise Refusal(
            AccountCode.DUTIES_APART,
            f"{user} 是管理员，不能再担任业务角色（三员分立）。",
            f"{user} is an administrator and cannot also hold a business role (separation of duties).",
        )


def unit_roles_held(user: User) -> Refusal:
    """A liaison or unit head is not moved to another unit while they hold those roles."""
    return Refusal(
        AccountCode.UNIT_ROLES_HELD,
        f"{user} 是本单位的联络员或负责人，请先撤销这些角色再调整所在单位。",
        f"{user} is a liaison or head of their unit; revoke those roles before moving them.",
    )


def role_revoke(*, grant: RoleGrant, actor: User | None) -> None:
    with transaction.atomic():
        before = snapshot(grant)
        audit_record(actor=actor, action="role.revoke", obj=grant, before=before)
        grant.delete()
    scope_changed()


# ---- 个人设置: what a person changes about themselves ----

_PROFILE_FIELDS = ["display_name", "email", "mobile", "language"]
_MOBILE = re.compile(r"^\+?[0-9][0-9 -]{4,18}[0-9]$")


def profile_update(
    *, user: User, display_name: str, email: str, mobile: str, language: str, actor: User | None
) -> User:
    """Change one's name, contact (the addresses notifications use) and page language; audited with the
    values before and after. Blank e-mail, mobile or language are allowed (blank language: Chinese)."""
    display_name = clean_text(
        display_name,
        zh="姓名",
        en="Name",
        limit=User._meta.get_field("display_name").max_length,
        field="display_name",
    )
    email, mobile = (email or "").strip(), (mobile or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise Refusal(
                AccountCode.EMAIL_INVALID, f"电子邮箱格式不对：{email}", f"Not an e-mail address: {email}"
            ) from None
    if mobile and not _MOBILE.match(mobile):
        raise Refusal(
            AccountCode.MOBILE_INVALID,
            f"手机号码格式不对：{mobile}（只写数字，可带 + 和 -）",
            f"Not a phone number: {mobile} (digits, optionally + and -)",
        )
    if language not in {"", *(code for code, _name in settings.LANGUAGES)}:
        raise ValidationError({"language": said("不支持的界面语言。", "Unsupported language.")})
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        before = snapshot(user, fields=_PROFILE_FIELDS)
        user.display_name, user.email, user.mobile, user.language = display_name, email, mobile, language
        user.full_clean(exclude=["password", "username", "unit"])
        user.save(update_fields=_PROFILE_FIELDS)
        audit_record(
            actor=actor,
            action="user.profile_update",
            obj=user,
            before=before,
            after=snapshot(user, fields=_PROFILE_FIELDS),
        )
    return user


def language_set(*, user: User, language: str, actor: User | None) -> None:
    """The page language picked with the header's switch, kept on the account (``User.language``) so it
    follows the person to another workstation; audited like the profile page's change. No change, no entry."""
    if language not in {code for code, _name in settings.LANGUAGES}:
        raise ValidationError({"language": said("不支持的界面语言。", "Unsupported language.")})
    with transaction.atomic():
        before = User.objects.select_for_update().values_list("language", flat=True).get(pk=user.pk)
        if before == language:
            return
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language
        audit_record(
            actor=actor,
            action="user.profile_update",
            obj=user,
            before={"language": before},
            after={"language": language},
        )


def _password_set(user: User, password: str) -> None:
    """Set a password the person chose: checked by the validators, no longer to be changed at sign-in."""
    password_validation.validate_password(password, user)
    history_keep(user)
    user.set_password(password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])


def password_change(
    *, user: User, old_password: str, new_password: str, keep_session: str | None, actor: User | None
) -> int:
    """Change one's own password: the current one first, the new one through Django's validators. Clears
    ``must_change_password``, stamps ``password_changed_at`` and ends every other session of the person
    (``sessions.sessions_end``; ``keep_session`` is the key of the one in use). Audited as
    ``password.change`` without the password. Returns how many other sessions ended."""
    if not user.check_password(old_password):
        raise Refusal(AccountCode.WRONG_PASSWORD, "当前密码不对。", "The current password is wrong.")
    if new_password == old_password:
        raise ValidationError({"new_password1": said("新密码不能与当前密码相同。", "Choose a new password.")})
    with transaction.atomic():
        _password_set(user, new_password)
        ended = sessions_end(user=user, keep=keep_session)
        audit_record(
            actor=actor,
            action="password.change",
            obj=user,
            after={"password_changed_at": user.password_changed_at, "sessions_ended": ended},
        )
    return ended


def password_reset_by_email(*, user: User, new_password: str) -> int:
    """Set the password chosen through the e-mailed link (the link's token was checked by the view); ends
    every session of the person and is audited as ``password.reset_email``, the person as the actor.
    Returns how many sessions ended."""
    with transaction.atomic():
        _password_set(user, new_password)
        ended = sessions_end(user=user)
        audit_record(
            actor=user,
            action="password.reset_email",
            obj=user,
            after={"password_changed_at": user.password_changed_at, "sessions_ended": ended},
        )
    return ended


# ---- API 令牌 ----


def api_token_create(
    *, user: User, name: str, expires_at: datetime | None = None, actor: User | None
) -> tuple[ApiToken, str]:
    """Make a token; returns the row and the token text, which is never stored and cannot be shown again.

    Refused for an administrator (三员 do no business, and the API refuses them anyway), an inactive account,
    a blank name, or an expiry beyond ``TAIZHANG_API_TOKEN_MAX_DAYS`` days (none at all is allowed)."""
    name = clean_text(
        name,
        zh="令牌用途",
        en="Token name",
        limit=ApiToken._meta.get_field("name").max_length,
        field="token_name",
    )
    if not user.is_active:
        raise Refusal(
            AccountCode.TOKEN_FOR_INACTIVE, f"{user} 的账号已停用，不能发放令牌。", f"{user} is disabled."
        )
    if RoleGrant.objects.filter(user=user, role__in=ADMIN_ROLES).exists():
        raise Refusal(
            AccountCode.TOKEN_FOR_ADMIN,
            "管理员（三员）不办理业务，不使用 API 令牌。",
            "Administrators do no business and get no API tokens.",
        )
    max_days = settings.TAIZHANG_API_TOKEN_MAX_DAYS
    if expires_at is not None and expires_at > timezone.now() + timedelta(days=max_days):
        raise Refusal(
            AccountCode.TOKEN_TOO_LONG_LIVED,
            f"令牌有效期最长 {max_days} 天。",
            f"A token is valid for at most {max_days} days.",
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken(
            user=user, name=name, prefix=raw[:8], digest=token_digest(raw), expires_at=expires_at
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
    """吊销: the token stops working at once; the row stays, so its name and last use remain readable."""
    if token.revoked_at is not None:
        raise Refusal(AccountCode.TOKEN_REVOKED, "该令牌已吊销。", "This token is revoked already.")
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


# ---- 用户管理 and 角色授权: the administrators' writes (三员) ----
#
# ``actor=None`` is system work (``taizhang setup``, a command on the server) and passes the checks; a person
# must hold the duty over the account's region: the system administrator for accounts, the security
# administrator for role grants and password resets.


def _require_admin_over(actor: User | None, role: Role, *, user: User | None = None, doing: str = "") -> None:
    """PermissionDenied unless ``actor`` holds the duty ``role``; Refusal when ``user`` lies beyond it."""
    if actor is None:
        return
    if not region_ids_in_scope(actor, role):
        raise PermissionDenied(
            said(f"只有{role.label}可以{doing}。", f"Only the {role.name.lower()} may do this.")
        )
    if user is not None and not covers_user(actor, role, user):
        raise _outside(str(user))


def _outside(what: str) -> Refusal:
    return Refusal(
        AccountCode.OUTSIDE_REGION,
        f"{what}不在您管理的区划内。",
        f"{what} lies outside the region you administer.",
    )


def _not_self(actor: User | None, user: User, zh: str, en: str) -> None:
    if actor is not None and actor.pk == user.pk:
        raise Refusal(AccountCode.SELF_ACTION, zh, en)


def user_create_by_admin(
    *, actor: User | None, username: str, display_name: str, unit: Unit, email: str = "", mobile: str = ""
) -> tuple[User, str]:
    """新建用户 by the system administrator, for a unit of their region: the account and its one-time
    password, shown once and never stored in clear; the person must change it at the first sign-in.
    Calls ``user_create``."""
    _require_admin_over(actor, Role.SYSTEM_ADMIN, doing="新建用户")
    if actor is not None and not covers_unit(actor, Role.SYSTEM_ADMIN, unit):
        raise _outside(str(unit))
    password = one_time_password()
    user = user_create(
        username=username,
        display_name=display_name,
        unit=unit,
        password=password,
        email=email,
        mobile=mobile,
        must_change_password=True,
        actor=actor,
    )
    return user, password


def user_update(
    *, actor: User | None, user: User, display_name: str, unit: Unit | None, email: str = "", mobile: str = ""
) -> User:
    """修改用户: name, unit and contact (the addresses notifications use). A liaison or unit head acts for
    their unit, so moving them to another unit is refused until those roles are revoked."""
    _require_admin_over(actor, Role.SYSTEM_ADMIN, user=user, doing="修改用户")
    if actor is not None and unit is not None and not covers_unit(actor, Role.SYSTEM_ADMIN, unit):
        raise _outside(str(unit))
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        before = snapshot(user, fields=USER_FIELDS)
        moving = (unit.pk if unit else None) != user.unit_id
        if moving and RoleGrant.objects.filter(user=user, role__in=UNIT_ROLES).exists():
            raise unit_roles_held(user)
        user.display_name = display_name.strip()
        user.unit = unit
        user.email = (email or "").strip()
        user.mobile = (mobile or "").strip()
        user.full_clean(validate_unique=False)
        user.save(update_fields=["display_name", "unit", "email", "mobile"])
        audit_record(
            actor=actor,
            action="user.update",
            obj=user,
            before=before,
            after=snapshot(user, fields=USER_FIELDS),
        )
    if moving:
        scope_changed()
    return user


def user_disable(*, actor: User | None, user: User) -> User:
    """停用: the account can no longer sign in and every session of it ends. History stays."""
    _require_admin_over(actor, Role.SYSTEM_ADMIN, user=user, doing="停用账号")
    _not_self(actor, user, "不能停用自己的账号。", "You cannot disable your own account.")
    return _set_active(actor=actor, user=user, active=False)


def user_enable(*, actor: User | None, user: User) -> User:
    """重新启用 a disabled account (its password and roles as they were)."""
    _require_admin_over(actor, Role.SYSTEM_ADMIN, user=user, doing="启用账号")
    return _set_active(actor=actor, user=user, active=True)


def _set_active(*, actor: User | None, user: User, active: bool) -> User:
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.is_active == active:
            zh, en = ("已是启用状态", "is already active") if active else ("已停用", "is already disabled")
            raise Refusal(AccountCode.ALREADY_DONE, f"{user} {zh}。", f"{user} {en}.")
        user.is_active = active
        user.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="user.enable" if active else "user.disable",
            obj=user,
            before={"is_active": not active},
            after={"is_active": active},
        )
        if not active:
            sessions_end(user=user)
    scope_changed()
    return user


def password_reset_by_admin(*, actor: User | None, user: User) -> str:
    """重置密码 by the security administrator: a one-time password (returned, shown once), which the person
    must change at the next sign-in; every session of the account ends. One's own password is changed on
    one's profile page, not here."""
    _require_admin_over(actor, Role.SECURITY_ADMIN, user=user, doing="重置密码")
    _not_self(
        actor,
        user,
        "不能在此重置自己的密码，请在个人资料中修改。",
        "Change your own password on your profile.",
    )
    password = one_time_password()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        history_keep(user)
        user.set_password(password)
        user.must_change_password = True
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password", "must_change_password", "password_changed_at"])
        # The password itself is never recorded, only that it was reset.
        audit_record(
            actor=actor, action="user.password_reset", obj=user, after={"must_change_password": True}
        )
        sessions_end(user=user)
    return password


def role_grant_by_admin(
    *, actor: User | None, user: User, role: str, unit: Unit | None = None, region: Region | None = None
) -> RoleGrant:
    """角色授权 by the security administrator: a business role over a unit or a region, or an administrator
    duty over a region, all within the administrator's region, never to oneself. The rules of the roles
    themselves (liaison and head on their own unit, 三员分立) are ``role_grant``'s, which this calls."""
    _require_admin_over(actor, Role.SECURITY_ADMIN, user=user, doing="授予角色")
    _not_self(actor, user, "不能给自己授予角色。", "You cannot grant a role to yourself.")
    if actor is not None:
        if unit is not None and not covers_unit(actor, Role.SECURITY_ADMIN, unit):
            raise _outside(str(unit))
        if region is not None and not covers_region(actor, Role.SECURITY_ADMIN, region):
            raise _outside(str(region))
    if (unit is None) == (region is None):
        raise ValidationError({"unit": "请选择一个单位或一个区划作为授权范围。"})
    if role in ADMIN_ROLES and region is None:
        raise ValidationError({"region": "管理员角色须按区划授予。"})
    return role_grant(user=user, role=role, unit=unit, region=region, actor=actor)


def role_revoke_by_admin(*, actor: User | None, grant: RoleGrant) -> None:
    """撤销授权 by the security administrator, within their region; not one's own grant (a security
    administrator cannot take away their own duty, nor anyone's they could not have given).
    Calls ``role_revoke``."""
    _require_admin_over(actor, Role.SECURITY_ADMIN, user=grant.user, doing="撤销授权")
    _not_self(actor, grant.user, "不能撤销自己的授权。", "You cannot revoke your own grant.")
    if actor is not None and not covers_grant(actor, Role.SECURITY_ADMIN, grant):
        raise _outside(str(grant.unit or grant.region))
    role_revoke(grant=grant, actor=actor)


def signin_unlock(*, actor: User | None, user: User) -> None:
    """解除锁定 by the security administrator: the account's failed sign-ins are forgotten and it may sign in
    again before its lockout would have ended (``signin_guard``). Audited as ``auth.unlock``."""
    _require_admin_over(actor, Role.SECURITY_ADMIN, user=user, doing="解除登录锁定")
    with transaction.atomic():
        until = signin_guard.locked_until(user)
        if until is None:
            raise Refusal(AccountCode.ALREADY_DONE, f"{user} 未被锁定。", f"{user} is not locked.")
        signin_guard.success_record(username=user.get_username())
        audit_record(actor=actor, action="auth.unlock", obj=user, before={"locked_until": until})
