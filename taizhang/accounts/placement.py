"""Where an audit entry about a person is placed: their unit and its region, or, for an administrator
without a unit, the region of their administrative grant. Registered with ``audit.placement`` when the app
is ready."""

from __future__ import annotations

from taizhang.accounts.models import ADMIN_ROLES, RoleGrant, User
from taizhang.audit.placement import Place
from taizhang.units.models import Unit


def user_place(user: User) -> Place:
    """(unit id, region id) of ``user``, read once per user object (a request's user is read afresh)."""
    place = getattr(user, "_taizhang_place", None)
    if place is None:
        place = (user.unit_id, _region_id(user))
        user._taizhang_place = place
    return place


def _region_id(user: User) -> int | None:
    if user.unit_id is not None:
        return Unit.objects.filter(pk=user.unit_id).values_list("region_id", flat=True).first()
    grants = RoleGrant.objects.filter(user=user, region__isnull=False).order_by("pk")
    admin = grants.filter(role__in=ADMIN_ROLES).values_list("region_id", flat=True).first()
    return admin if admin is not None else grants.values_list("region_id", flat=True).first()
