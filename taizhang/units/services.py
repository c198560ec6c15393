"""Writes for regions, units and aliases."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser as User  # accounts sits above units
from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.audit.services import audit_record, snapshot
from taizhang.units.models import Region, Unit, UnitAlias
from taizhang.units.tree import tree_changed

# A child region sits exactly one level below its parent.
_PARENT_LEVEL = {Region.Level.CITY: Region.Level.PROVINCE, Region.Level.DISTRICT: Region.Level.CITY}


def region_create(*, name: str, level: str, parent: Region | None = None, actor: User | None) -> Region:
    if parent is not None and _PARENT_LEVEL.get(level) != parent.level:
        raise ValidationError({"parent": f"{Region.Level(level).label}级区划不能设在{parent}之下。"})
    with transaction.atomic():
        region = Region(name=name.strip(), level=level, parent=parent)
        region.full_clean()
        region.save()
        audit_record(actor=actor, action="region.create", obj=region, after=snapshot(region))
    tree_changed()  # a region grant above it now covers it
    return region


def unit_create(
    *,
    region: Region,
    name: str,
    short_name: str = "",
    kind: str = Unit.Kind.OTHER,
    order: int = 0,
    actor: User | None,
) -> Unit:
    with transaction.atomic():
        unit = Unit(region=region, name=name.strip(), short_name=short_name.strip(), kind=kind, order=order)
        unit.full_clean()
        unit.save()
        audit_record(actor=actor, action="unit.create", obj=unit, after=snapshot(unit))
    tree_changed()  # a region grant above it now covers it
    return unit


def unit_alias_add(
    *, unit: Unit, alias: str, source: str, actor: User | None, confirmed: bool = True
) -> UnitAlias:
    """Record that plans in ``unit``'s region print ``alias`` for it. ``confirmed`` marks that ``actor``, a
    person, checked the match; an unconfirmed alias comes from automatic matching."""
    if confirmed and actor is None:
        raise ValidationError("只有具体人员才能确认别名。")
    with transaction.atomic():
        row = UnitAlias(
            region=unit.region,
            alias=alias.strip(),
            unit=unit,
            source=source,
            confirmed_by=actor if confirmed else None,
        )
        row.full_clean()
        row.save()
        audit_record(actor=actor, action="unit_alias.add", obj=row, after=snapshot(row))
    return row
