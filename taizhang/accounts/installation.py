"""初始化 (first start): the first region and its administrators, what ``taizhang setup`` makes.

Idempotent: run again with the same answers it finds everything in place, says so and changes nothing. It
never makes a Django superuser: the administrators are ordinary accounts holding one duty each (三员分立).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from taizhang.accounts.codes import AccountCode
from taizhang.accounts.models import ADMIN_ROLES, Role, RoleGrant, User
from taizhang.accounts.passwords import one_time_password
from taizhang.accounts.services import role_grant, user_create
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal
from taizhang.units.models import Region
from taizhang.units.services import region_create


@dataclass(frozen=True)
class AdminSpec:
    """An administrator to have: ``password`` None makes a one-time password the person must change."""

    role: Role
    username: str
    display_name: str = ""
    password: str | None = None


@dataclass
class SetupOutcome:
    region: Region | None = None
    done: list[str] = field(default_factory=list)  # one bilingual line per thing made or found
    one_time: dict[str, str] = field(default_factory=dict)  # username → password, to show once


def existing_admin(username: str) -> User | None:
    return User.objects.filter(username__iexact=username.strip()).first()


def installation_setup(
    *, region_name: str, level: str, admins: list[AdminSpec], add_admin: bool = False
) -> SetupOutcome:
    """Make (or find) the root region ``region_name`` and each administrator of ``admins`` over it, in one
    transaction: a refusal leaves nothing behind. Refused: a region of that name at another level; an
    installation that already has its administrators, asked for others without ``add_admin``; an existing
    account that is not that administrator. Calls ``region_create``, ``user_create`` and ``role_grant``
    (system work: no actor; the command sets the audit source)."""
    outcome = SetupOutcome()
    region_name = region_name.strip()
    if level not in Region.Level.values:
        raise Refusal(AccountCode.SETUP_INPUT, f"未知的区划级别：{level}", f"Unknown region level: {level}")
    with transaction.atomic():
        region = Region.objects.filter(parent__isnull=True, name=region_name).first()
        if region is None:
            if RoleGrant.objects.filter(role=Role.SYSTEM_ADMIN).exists() and not add_admin:
                raise Refusal(
                    AccountCode.SETUP_INPUT,
                    f"系统已初始化，没有名为“{region_name}”的顶级区划；其他区划请在单位管理中添加。",
                    f"Already set up, and no top region is named {region_name}; add regions on the pages.",
                )
            region = region_create(name=region_name, level=level, actor=None)
            outcome.done.append(
                said(
                    f"已创建区划：{region.name}（{region.get_level_display()}）",
                    f"created region: {region.name} ({region.level})",
                )
            )
        elif region.level != level:
            raise Refusal(
                AccountCode.SETUP_INPUT,
                f"区划“{region.name}”已存在，级别为{region.get_level_display()}，不是{Region.Level(level).label}。",
                f"Region {region.name} exists at another level ({region.level}).",
            )
        else:
            outcome.done.append(
                said(f"区划已存在，未改动：{region.name}", f"region exists, unchanged: {region.name}")
            )
        outcome.region = region
        for spec in admins:
            _admin(spec, region, add_admin, outcome)
    return outcome


def _admin(spec: AdminSpec, region: Region, add_admin: bool, outcome: SetupOutcome) -> None:
    label = Role(spec.role).label
    user = existing_admin(spec.username)
    if user is not None:
        if RoleGrant.objects.filter(user=user, role=spec.role, region=region).exists():
            outcome.done.append(
                said(
                    f"{label}已存在，未改动：{user.username}",
                    f"{spec.role} exists, unchanged: {user.username}",
                )
            )
            return
        raise Refusal(
            AccountCode.SETUP_INPUT,
            f"账号“{user.username}”已存在，但不是{region}的{label}；未作改动。",
            f"Account {user.username} exists but is not the {spec.role} of {region}; nothing changed.",
        )
    holders = list(
        RoleGrant.objects.filter(role=spec.role, region=region).values_list("user__username", flat=True)
    )
    if holders and not add_admin:
        raise Refusal(
            AccountCode.SETUP_INPUT,
            f"{region}已有{label}：{'、'.join(holders)}；再添加一位请加 --add-admin。",
            f"{region} already has a {spec.role} ({', '.join(holders)}); use --add-admin to add another.",
        )
    assert spec.role in ADMIN_ROLES
    password = spec.password or one_time_password()
    user = user_create(
        username=spec.username,
        display_name=spec.display_name or spec.username,
        unit=None,
        password=password,
        must_change_password=spec.password is None,
        actor=None,
    )
    role_grant(user=user, role=spec.role, region=region, actor=None)
    outcome.done.append(said(f"已创建{label}：{user.username}", f"created {spec.role}: {user.username}"))
    if spec.password is None:
        outcome.one_time[user.username] = password
