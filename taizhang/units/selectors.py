"""Reads over regions and units. Region scope ("this region and below") is computed here, once."""

from __future__ import annotations

from taizhang.units.models import Region


def region_ancestor_ids(region_id: int | None) -> list[int]:
    """The region and every region above it, nearest first: one query per level (three or four)."""
    ids: list[int] = []
    while region_id is not None and region_id not in ids:
        ids.append(region_id)
        region_id = Region.objects.filter(pk=region_id).values_list("parent_id", flat=True).first()
    return ids


def region_subtree_ids(region_ids: list[int] | set[int]) -> set[int]:
    """The given regions and every region below them: one query per level of the tree (three or four)."""
    found = set(region_ids)
    frontier = set(found)
    while frontier:
        frontier = set(Region.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return found
