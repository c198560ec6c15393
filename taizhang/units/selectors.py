"""Reads over regions and units. Region scope ("this region and below") is computed here, once."""

from __future__ import annotations

from taizhang.units.models import Region, Unit, UnitAlias


def region_subtree_ids(region_ids: list[int] | set[int]) -> set[int]:
    """The given regions and every region below them: one query per level of the tree (three or four)."""
    found = set(region_ids)
    frontier = set(found)
    while frontier:
        frontier = set(Region.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return found


def unit_by_printed_name(*, region: Region, name: str) -> Unit | None:
    """The active unit a plan means by ``name`` in ``region``: full name, short name, then a known alias.
    Fuzzy matching belongs to the import preview, where a person confirms it."""
    name = name.strip()
    units = Unit.objects.filter(region=region, active=True)
    unit = units.filter(name=name).first() or units.filter(short_name=name).first()
    if unit is None:
        alias = UnitAlias.objects.select_related("unit").filter(region=region, alias=name).first()
        unit = alias.unit if alias and alias.unit.active else None
    return unit
