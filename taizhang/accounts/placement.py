"""Where an audit entry is placed: a person's unit and its region, or, for an administrator without a unit,
the region of their administrative grant; for an entry without an actor, the person, unit or region the
changed record names. Registered with ``audit.placement`` when the app is ready."""

from __future__ import annotations

from collections.abc import Iterable

from taizhang.accounts.models import ADMIN_ROLES, RoleGrant, User
from taizhang.audit.placement import Place
from taizhang.units.models import Unit


def place(subject) -> Place:
    """(unit id, region id) of a person, or of the record an actor-less entry is about."""
    if isinstance(subject, User):
        return user_place(subject)
    # A record that belongs to a person: its ``user`` (a follow, a token) or ``recipient`` (a message, whose
    # subject may name the recipient's work: placed nowhere, the root region's audit administrators of
    # another region would read it).
    for owner in (getattr(subject, "user", None), getattr(subject, "recipient", None)):
        if isinstance(owner, User):
            return user_place(owner)
    unit_id = getattr(subject, "unit_id", None)
    if unit_id is not None:
        return unit_id, Unit.objects.filter(pk=unit_id).values_list("region_id", flat=True).first()
    if isinstance(subject, Unit):
        return subject.pk, subject.region_id
    region_id = getattr(subject, "region_id", None)
    return (None, region_id) if isinstance(region_id, int) else (None, None)


def user_place(user: User) -> Place:
    """(unit id, region id) of ``user``, read once per user object and unit (a request's user is read
    afresh; moving the person to another unit reads it again)."""
    cached = getattr(user, "_taizhang_place", None)
    if cached is None or cached[0] != user.unit_id:
        cached = (user.unit_id, (user.unit_id, _region_id(user)))
        user._taizhang_place = cached
    return cached[1]


def _region_id(user: User) -> int | None:
    if user.unit_id is not None:
        return Unit.objects.filter(pk=user.unit_id).values_list("region_id", flat=True).first()
    grants = RoleGrant.objects.filter(user=user, region__isnull=False).order_by("pk")
    admin = grants.filter(role__in=ADMIN_ROLES).values_list("region_id", flat=True).first()
    return admin if admin is not None else grants.values_list("region_id", flat=True).first()


def user_places_read(users: Iterable[User]) -> None:
    """Read the places of many people at once — one query for those with a unit — so that ``user_place``
    does not ask once per person (the tick's messages to thousands of them)."""
    with_unit = [
        u for u in users if u.unit_id is not None and getattr(u, "_taizhang_place", (None,))[0] != u.unit_id
    ]
    regions = dict(Unit.objects.filter(pk__in={u.unit_id for u in with_unit}).values_list("pk", "region_id"))
    for user in with_unit:
        user._taizhang_place = (user.unit_id, (user.unit_id, regions.get(user.unit_id)))
