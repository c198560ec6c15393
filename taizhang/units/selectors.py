"""Reads over regions and units. Region scope ("this region and below") is computed here, once."""

from __future__ import annotations

from taizhang.units.models import Region

_UP = ("parent_id", "parent__parent_id", "parent__parent__parent_id", "parent__parent__parent__parent_id")


def region_ancestor_ids(region_id: int | None) -> list[int]:
    """The region and every region above it, nearest first: one query (joins four levels up — a province's
    tree has three), another only for a deeper tree."""
    ids: list[int] = []
    while region_id is not None and region_id not in ids:
        ids.append(region_id)
        above = Region.objects.filter(pk=region_id).values_list(*_UP).first() or (None,)
        for parent_id in above:
            if parent_id is None or parent_id in ids:
                return ids
            ids.append(parent_id)
        region_id = ids.pop()  # the farthest read: its own parents come with the next query
    return ids


def region_subtree_ids(region_ids: list[int] | set[int]) -> set[int]:
    """The given regions and every region below them: one query per level of the tree (three or four)."""
    found = set(region_ids)
    frontier = set(found)
    while frontier:
        frontier = set(Region.objects.filter(parent_id__in=frontier).values_list("id", flat=True)) - found
        found |= frontier
    return found
