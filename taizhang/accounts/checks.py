"""The role checks every service makes before it writes, in one place, each named by what it checks: an
office admin (惩防办管理员) of a region or over a unit, the office side of a region, acting for a unit.
Refusals are ``PermissionDenied`` with a Chinese and an English sentence naming what was refused (built
from ``doing``/``doing_en``, or the caller's own ``refusal``). The areas keep only their sentences."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.scope import user_scope
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope
from taizhang.lib.i18n import said
from taizhang.units.models import Region

# The office side of a region: those who read everything in it, covert inspections included, through a
# region grant. Units (liaisons, unit heads) are never on it; nor is a leader granted on one unit only.
OFFICE_SIDE = (Role.OFFICE_ADMIN, Role.LEADER, Role.INSPECTOR)


def is_office_admin_of(user: User, region_id: int) -> bool:
    """An office admin whose region grant covers ``region_id``."""
    return region_id in region_ids_in_scope(user, Role.OFFICE_ADMIN)


def is_office_admin_over_unit(user: User, unit_id: int) -> bool:
    """An office admin whose grant covers the unit (its region or one above)."""
    return unit_id in unit_ids_in_scope(user, Role.OFFICE_ADMIN)


def is_office_side_of(user: User, region_id: int) -> bool:
    return region_id in region_ids_in_scope(user, *OFFICE_SIDE)


def acts_for_unit(user: User, unit_id: int) -> bool:
    """The unit's liaison or unit head."""
    return unit_id in unit_ids_in_scope(user, *UNIT_ROLES)


def _office_refusal(doing: str, doing_en: str, refusal: str) -> PermissionDenied:
    return PermissionDenied(refusal or said(f"只有惩防办可以{doing}。", f"Only the office may {doing_en}."))


def require_office_admin_of(
    actor: User | None, region_id: int | None, *, doing: str = "", doing_en: str = "", refusal: str = ""
) -> None:
    """PermissionDenied unless ``actor`` is an office admin covering the region. ``actor=None`` is system
    work (a management command run on the server, recorded in the audit log without a person) and passes;
    ``region_id=None`` (a national plan) is covered by no office, so only system work passes."""
    if actor is None:
        return
    if region_id is None or not is_office_admin_of(actor, region_id):
        raise _office_refusal(doing, doing_en, refusal)


def require_office_admin_over_unit(actor: User, unit_id: int, *, doing: str, doing_en: str) -> None:
    """PermissionDenied unless ``actor`` is an office admin covering the unit."""
    if not is_office_admin_over_unit(actor, unit_id):
        raise _office_refusal(doing, doing_en, "")


def require_acting_for_unit(
    actor: User, unit_id: int, *, doing: str, doing_en: str, unit_zh: str = "本单位"
) -> None:
    """PermissionDenied unless ``actor`` is the unit's liaison or unit head. ``unit_zh`` names the unit in
    the Chinese sentence (整改单位 for a rectification item)."""
    if not acts_for_unit(actor, unit_id):
        raise PermissionDenied(
            said(
                f"只有{unit_zh}联络员或负责人可以{doing}。",
                f"Only the unit's liaison or head may {doing_en}.",
            )
        )


def office_region(actor: User, *, refusal: str) -> Region:
    """The region an office admin acts for when none is named: their own unit's region when they cover it,
    else the first region they were granted. PermissionDenied(``refusal``) for anyone else."""
    if actor.unit_id and is_office_admin_of(actor, actor.unit.region_id):
        return actor.unit.region
    scope = user_scope(actor)
    granted = sorted(scope.granted([Role.OFFICE_ADMIN])[1]) if scope else []
    if not granted:
        raise PermissionDenied(refusal)
    return Region.objects.get(pk=granted[0])
