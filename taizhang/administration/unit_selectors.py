"""What a system administrator (系统管理员) manages and an office admin (惩防办管理员) reads of the region
tree and the unit registry: their granted regions and everything below. Out of scope → 404; readable but not
managed → 403."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.units.models import Region, Unit, UnitAlias
from taizhang.units.selectors import region_subtree_ids

MANAGERS = (Role.SYSTEM_ADMIN,)
READERS = (Role.SYSTEM_ADMIN, Role.OFFICE_ADMIN)


def managed_region_ids(user: User) -> frozenset[int]:
    return region_ids_in_scope(user, *MANAGERS)


def readable_region_ids(user: User) -> frozenset[int]:
    return region_ids_in_scope(user, *READERS)


def _check(user: User, region_id: int, *, manage: bool) -> None:
    if region_id not in readable_region_ids(user):
        raise Http404
    if manage and region_id not in managed_region_ids(user):
        raise PermissionDenied


def region_for(user: User, pk: int, *, manage: bool = False) -> Region:
    region = Region.objects.filter(pk=pk).first()
    if region is None:
        raise Http404
    _check(user, region.pk, manage=manage)
    return region


def unit_for(user: User, pk: int, *, manage: bool = False) -> Unit:
    unit = Unit.objects.select_related("region").filter(pk=pk).first()
    if unit is None:
        raise Http404
    _check(user, unit.region_id, manage=manage)
    return unit


@dataclass(frozen=True)
class TreeRow:
    region: Region
    depth: int
    units: int


def region_tree(user: User) -> list[TreeRow]:
    """The regions the user reads, each under its parent (depth-first, by name), with its unit count. Two
    queries whatever the size of the tree."""
    ids = readable_region_ids(user)
    regions = list(Region.objects.filter(pk__in=ids).order_by("name"))
    counts = dict(
        Unit.objects.filter(region_id__in=ids).order_by().values_list("region_id").annotate(n=Count("id"))
    )
    children: dict[int | None, list[Region]] = {}
    for region in regions:
        parent = region.parent_id if region.parent_id in ids else None
        children.setdefault(parent, []).append(region)
    rows: list[TreeRow] = []

    def walk(parent: int | None, depth: int) -> None:
        for region in children.get(parent, []):
            rows.append(TreeRow(region=region, depth=depth, units=counts.get(region.pk, 0)))
            walk(region.pk, depth + 1)

    walk(None, 0)
    return rows


def unit_registry(
    user: User, *, q: str = "", region: Region | None = None, kind: str = "", active: bool | None = None
) -> QuerySet[Unit]:
    """The units the user reads, searched by full name, short name or alias (any part) and filtered by
    region (and below), kind and state; in region and list order."""
    ids = readable_region_ids(user)
    if region is not None:
        ids = ids & region_subtree_ids([region.pk])
    units = Unit.objects.filter(region_id__in=sorted(ids)).select_related("region")
    if q:
        aliased = UnitAlias.objects.filter(unit=OuterRef("pk"), alias__icontains=q)
        units = units.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Exists(aliased))
    if kind:
        units = units.filter(kind=kind)
    if active is not None:
        units = units.filter(active=active)
    return units.order_by("region__name", "order", "name", "pk")
