"""The per-request memo of a user's scope: their role grants, the regions below each granted region and the
units in them, read once and kept on the user object (``user._taizhang_scope``).

Django loads ``request.user`` afresh for every request and the API loads a token's user afresh, so the memo
lives as long as the request. Services that change what a scope contains (role grants, regions, units) call
``scope_changed()`` (grants) or ``units.tree.tree_changed()`` (regions, units), either of which makes every
memo in this process stale: the rest of the same request reads the change. A memo in another process ends
with its request, as any read made at the start of it would.
The rules that use the scope are in ``accounts.selectors``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from taizhang.accounts.grants import grant_alarm, grant_is_genuine
from taizhang.accounts.models import RoleGrant, User
from taizhang.units.models import Unit
from taizhang.units.selectors import region_subtree_ids
from taizhang.units.tree import tree_generation

_generations = itertools.count(1)
_generation = next(_generations)


def scope_changed() -> None:
    """Forget every memoised scope in this process. For services that add or remove a role grant, a region
    or a unit; bulk loaders that bypass the services call it too."""
    global _generation
    _generation = next(_generations)


def _current() -> tuple[int, int]:
    """The generation a memo is read at: the grants' and the unit tree's."""
    return _generation, tree_generation()


class Scope:
    """One user's grants and what they cover, each part worked out on first use."""

    __slots__ = ("_subtrees", "_units", "generation", "grants")

    def __init__(self, user: User):
        self.generation = _current()
        # (role, unit_id, region_id): one query for everything the request will ask about the user.
        # A grant that fails its seal (``accounts.grants``) is ignored, and the alarm raised.
        rows = RoleGrant.objects.filter(user=user).values_list("pk", "role", "unit_id", "region_id", "seal")
        genuine, tampered = [], []
        for pk, role, unit_id, region_id, stored in rows:
            if grant_is_genuine(user.pk, role, unit_id, region_id, stored):
                genuine.append((role, unit_id, region_id))
            else:
                tampered.append(pk)
        self.grants: tuple[tuple[str, int | None, int | None], ...] = tuple(genuine)
        for pk in tampered:
            grant_alarm(pk)
        self._subtrees: dict[frozenset[int], frozenset[int]] = {}
        self._units: dict[frozenset[int], frozenset[int]] = {}

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(role for role, _, _ in self.grants)

    def granted(self, roles: Iterable[str]) -> tuple[frozenset[int], frozenset[int]]:
        """The units granted directly and the regions granted (not yet the regions below them), through
        grants of ``roles`` (any role when empty)."""
        wanted = {str(role) for role in roles}
        units, regions = set(), set()
        for role, unit_id, region_id in self.grants:
            if wanted and role not in wanted:
                continue
            if unit_id is not None:
                units.add(unit_id)
            else:
                regions.add(region_id)
        return frozenset(units), frozenset(regions)

    def subtree(self, regions: frozenset[int]) -> frozenset[int]:
        """``regions`` and every region below them."""
        if regions not in self._subtrees:
            self._subtrees[regions] = frozenset(region_subtree_ids(regions)) if regions else frozenset()
        return self._subtrees[regions]

    def units_below(self, regions: frozenset[int]) -> frozenset[int]:
        """Ids of the units in ``regions`` and every region below them."""
        if regions not in self._units:
            below = self.subtree(regions)
            ids = Unit.objects.filter(region_id__in=below).values_list("id", flat=True) if below else ()
            self._units[regions] = frozenset(ids)
        return self._units[regions]


def user_scope(user: User) -> Scope | None:
    """``user``'s memoised scope; None for anonymous visitors and inactive accounts, who cover nothing."""
    if not user.is_authenticated or not user.is_active:
        return None
    scope = getattr(user, "_taizhang_scope", None)
    if scope is None or scope.generation != _current():
        scope = Scope(user)
        user._taizhang_scope = scope
    return scope


def region_ids_in_scope(user: User, *roles: str) -> frozenset[int]:
    """Ids of the regions ``user`` covers through region grants of ``roles`` (any role when none are
    given): each granted region and every region below it. Unit grants cover no region."""
    scope = user_scope(user)
    if scope is None:
        return frozenset()
    return scope.subtree(scope.granted(roles)[1])
