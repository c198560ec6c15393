"""What an administrator (三员: 系统/安全/审计管理员) covers: the regions of their grant and every region
below, the units in them and the people of those units (and people without a unit whose region grant lies
there, such as the administrators ``taizhang setup`` makes). Built on the per-request scope memo, so the
services below the selectors can use it too."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from taizhang.accounts.models import RoleGrant, User
from taizhang.accounts.scope import user_scope
from taizhang.units.models import Region, Unit


def admin_region_ids(actor: User, role: str) -> frozenset[int]:
    """The regions ``actor`` covers as ``role`` (an administrator duty): granted ones and those below."""
    scope = user_scope(actor)
    return scope.subtree(scope.granted([role])[1]) if scope else frozenset()


def people_q(regions: frozenset[int]) -> Q:
    """The accounts of ``regions``: people of their units, and unit-less people granted a region there."""
    granted_here = RoleGrant.objects.filter(user=OuterRef("pk"), region_id__in=sorted(regions))
    return Q(unit__region_id__in=sorted(regions)) | Q(unit__isnull=True) & Q(Exists(granted_here))


def covers_user(actor: User, role: str, user: User) -> bool:
    regions = admin_region_ids(actor, role)
    return bool(regions) and User.objects.filter(people_q(regions), pk=user.pk).exists()


def covers_unit(actor: User, role: str, unit: Unit) -> bool:
    return unit.region_id in admin_region_ids(actor, role)


def covers_region(actor: User, role: str, region: Region) -> bool:
    return region.pk in admin_region_ids(actor, role)


def covers_grant(actor: User, role: str, grant: RoleGrant) -> bool:
    """The grant's unit or region lies in ``actor``'s regions."""
    regions = admin_region_ids(actor, role)
    if grant.unit_id is not None:
        return grant.unit.region_id in regions
    return grant.region_id in regions
