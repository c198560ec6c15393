"""The generation of the region and unit tree: a counter in this process that moves whenever a region or a
unit is added. Memos of what lies below a region (``accounts.scope``) keep the generation they were read
at and read again once it moved; units only bump it, so the arrow points down, from accounts to units."""

from __future__ import annotations

import itertools

_generations = itertools.count(1)
_generation = next(_generations)


def tree_changed() -> None:
    """Mark every memo of the tree in this process stale. For services that add a region or a unit (bulk
    loaders that bypass them call ``accounts.scope.scope_changed``, which makes the same memos stale)."""
    global _generation
    _generation = next(_generations)


def tree_generation() -> int:
    return _generation
