"""Who may see what: the one place a user's role grants turn into a set of units.

The grants, region subtrees and units are read once per request (``accounts.scope``), however many
selectors ask.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from taizhang.accounts.models import ApiToken, Role, RoleGrant, User

# region_ids_in_scope lives in scope (the services below the selectors use it too); re-exported here.
from taizhang.accounts.scope import region_ids_in_scope as region_ids_in_scope
from taizhang.accounts.scope import user_scope
from taizhang.accounts.services import token_digest


def roles_held(user: User) -> frozenset[str]:
    """The roles ``user`` holds on any unit or region (none for anonymous and inactive accounts)."""
    scope = user_scope(user)
    return scope.roles if scope else frozenset()


def unit_ids_in_scope(user: User, *roles: Role) -> frozenset[int]:
    """Ids of the units ``user`` covers through grants of ``roles`` (any role when none are given):
    granted units, plus every unit in a granted region or below it. Inactive accounts cover nothing.
    For filtering a query, ``unit_scope_q`` says the same without sending every id to the database."""
    scope = user_scope(user)
    if scope is None:
        return frozenset()
    units, regions = scope.granted(roles)
    return units | scope.units_below(regions) if regions else units


def unit_scope_q(user: User, *roles: Role, unit: str = "unit") -> Q:
    """``unit_ids_in_scope`` as a filter on the foreign key ``unit`` (a path such as ``"assignment__unit"``):
    the granted units by id, the units of granted regions by their region. A province's region grant covers
    thousands of units; as a list of ids they cost more to build and send than the query takes to run, and
    SQLite would probe its (task, unit) index once for every id."""
    scope = user_scope(user)
    units, regions = scope.granted(roles) if scope else (frozenset(), frozenset())
    q = Q(**{f"{unit}_id__in": sorted(units)})  # an empty list matches nothing
    if regions:
        q |= Q(**{f"{unit}__region_id__in": sorted(scope.subtree(regions))})
    return q


def has_role(user: User, *roles: Role) -> bool:
    return not roles_held(user).isdisjoint(str(role) for role in roles)


def api_token_active(raw: str) -> ApiToken | None:
    """The live token whose text is ``raw``, with its user, or None."""
    now = timezone.now()
    return (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )


def people_of_units(
    unit_ids: Iterable[int], roles: Iterable[str] = (Role.LIAISON, Role.UNIT_HEAD)
) -> dict[tuple[int, str], list[User]]:
    """(unit id, role) → the active users holding that role on the unit, by user id: whom a message about a
    unit's work goes to. One query."""
    found: dict[tuple[int, str], list[User]] = {}
    grants = RoleGrant.objects.filter(
        unit_id__in=sorted(set(unit_ids)), role__in=list(roles), user__is_active=True
    )
    for grant in grants.select_related("user").order_by("user_id"):
        found.setdefault((grant.unit_id, grant.role), []).append(grant.user)
    return found


def office_admins_of_regions(
    region_ids: Iterable[int], role: str = Role.OFFICE_ADMIN
) -> dict[int, list[User]]:
    """Region id → the active office admins (or holders of ``role``, e.g. leaders) granted on that region
    itself (not one above it). One query."""
    found: dict[int, list[User]] = {}
    grants = RoleGrant.objects.filter(region_id__in=sorted(set(region_ids)), role=role, user__is_active=True)
    for grant in grants.select_related("user").order_by("user_id"):
        found.setdefault(grant.region_id, []).append(grant.user)
    return found


def api_tokens_of(user: User):
    """The person's own API tokens, newest first (revoked and expired ones too, for their history)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def api_token_get(*, user: User, pk: int) -> ApiToken:
    """One of the person's own tokens; anyone else's is 404, as if it did not exist."""
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404
    return token
