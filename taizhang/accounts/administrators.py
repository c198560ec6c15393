"""What an administrator (三员: 系统/安全/审计管理员) covers: the regions of their grant and every region
below, the units in them and the people of those units (and people without a unit whose region grant lies
there, such as the administrators ``taizhang setup`` makes). Built on the per-request scope memo, so the
services below the selectors can use it too."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.accounts.scope import region_ids_in_scope
from taizhang.units.models import Region, Unit


def people_q(regions: frozenset[int]) -> Q:
    """The accounts of ``regions``: people of their units, and unit-less people granted a region there."""
    granted_here = RoleGrant.objects.filter(user=OuterRef("pk"), region_id__in=sorted(regions))
    return Q(unit__region_id__in=sorted(regions)) | Q(unit__isnull=True) & Q(Exists(granted_here))


def covers_user(actor: User, role: str, user: User) -> bool:
    regions = region_ids_in_scope(actor, role)
    return bool(regions) and User.objects.filter(people_q(regions), pk=user.pk).exists()


def covers_unit(actor: User, role: str, unit: Unit) -> bool:
    return unit.region_id in region_ids_in_scope(actor, role)


def covers_region(actor: User, role: str, region: Region) -> bool:
    return region.pk in region_ids_in_scope(actor, role)


def covers_grant(actor: User, role: str, grant: RoleGrant) -> bool:
    """The grant's unit or region lies in ``actor``'s regions."""
    regions = region_ids_in_scope(actor, role)
    if grant.unit_id is not None:
        return grant.unit.region_id in regions
    return grant.region_id in regions


# ---- what the administrators' pages read ----

PAGE_ROLES = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN)  # 用户管理 and 角色授权 read the same accounts


def pages_region_ids(actor: User) -> frozenset[int]:
    """The regions whose people ``actor`` sees on the account pages (as system or security admin)."""
    return frozenset().union(*(region_ids_in_scope(actor, role) for role in PAGE_ROLES))


def people_for_admin(
    actor: User, *, text: str = "", unit: Unit | None = None, role: str = "", active: bool | None = None
) -> QuerySet[User]:
    """The accounts ``actor`` administers, filtered: ``text`` in the username, name, unit or mobile; a unit;
    a role held; active or disabled. Ordered by unit, then username; units read with the rows."""
    regions = pages_region_ids(actor)
    if not regions:
        return User.objects.none()
    users = User.objects.filter(people_q(regions)).select_related("unit")
    if text := text.strip():
        users = users.filter(
            Q(username__icontains=text)
            | Q(display_name__icontains=text)
            | Q(unit__name__icontains=text)
            | Q(unit__short_name__icontains=text)
            | Q(pk__in=_mobile_matches(regions, text))
        )
    if unit is not None:
        users = users.filter(unit=unit)
    if role:
        users = users.filter(Exists(RoleGrant.objects.filter(user=OuterRef("pk"), role=role)))
    if active is not None:
        users = users.filter(is_active=active)
    return users.order_by("unit__order", "unit__name", "username")


def _mobile_matches(regions, text: str) -> list[int]:
    """The accounts in ``regions`` whose mobile contains ``text``: the mobile is encrypted (``lib.fields``),
    so it is searched here, decrypted, never in SQL; only for text with a digit in it."""
    if not any(ch.isdigit() for ch in text):
        return []
    people = User.objects.filter(people_q(regions)).exclude(mobile="").only("pk", "row_key", "mobile")
    return [person.pk for person in people if text in person.mobile]


def person_for_admin(actor: User, pk: int) -> User:
    """One account ``actor`` administers; 404 for any other (out of scope reads as absent)."""
    return get_object_or_404(people_for_admin(actor), pk=pk)


def units_for_admin(actor: User, role: str) -> QuerySet[Unit]:
    """The active units in ``actor``'s regions as ``role``: what a form offers."""
    return Unit.objects.filter(region_id__in=sorted(region_ids_in_scope(actor, role)), active=True).order_by(
        "region__name", "order", "name"
    )


def regions_for_admin(actor: User, role: str) -> QuerySet[Region]:
    return Region.objects.filter(pk__in=sorted(region_ids_in_scope(actor, role))).order_by("level", "name")
