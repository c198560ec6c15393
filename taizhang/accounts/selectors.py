"""Who may see what: the one place a user's role grants turn into a set of units."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from taizhang.accounts.models import ApiToken, Role, RoleGrant, User
from taizhang.accounts.services import token_digest
from taizhang.units.models import Unit
from taizhang.units.selectors import region_subtree_ids


def unit_ids_in_scope(user: User, *roles: Role) -> set[int]:
    """Ids of the units ``user`` covers through grants of ``roles`` (any role when none are given):
    granted units, plus every unit in a granted region or below it. Inactive accounts cover nothing."""
    if not user.is_authenticated or not user.is_active:
        return set()
    grants = RoleGrant.objects.filter(user=user)
    if roles:
        grants = grants.filter(role__in=roles)
    unit_ids: set[int] = set()
    region_ids: set[int] = set()
    for unit_id, region_id in grants.values_list("unit_id", "region_id"):
        if unit_id is not None:
            unit_ids.add(unit_id)
        else:
            region_ids.add(region_id)
    if region_ids:
        unit_ids |= set(
            Unit.objects.filter(region_id__in=region_subtree_ids(region_ids)).values_list("id", flat=True)
        )
    return unit_ids


def has_role(user: User, *roles: Role) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and RoleGrant.objects.filter(user=user, role__in=roles).exists()
    )


def api_token_active(raw: str) -> ApiToken | None:
    """The live token whose text is ``raw``, with its user, or None."""
    now = timezone.now()
    return (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .first()
    )


def region_ids_in_scope(user: User, *roles: Role) -> set[int]:
    """Ids of the regions ``user`` covers through region grants of ``roles`` (any role when none are
    given): each granted region and every region below it. Unit grants cover no region."""
    if not user.is_authenticated or not user.is_active:
        return set()
    grants = RoleGrant.objects.filter(user=user, region__isnull=False)
    if roles:
        grants = grants.filter(role__in=roles)
    granted = set(grants.values_list("region_id", flat=True))
    return region_subtree_ids(granted) if granted else set()
