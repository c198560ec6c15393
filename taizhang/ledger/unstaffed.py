"""无人填报的单位: units with ledger lines on a published plan and no active liaison (联络员), so nobody
can report for them — typically units a plan import created before anyone was onboarded for them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, Min, OuterRef

from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.accounts.selectors import unit_scope_q
from taizhang.ledger.models import Assignment
from taizhang.plans.models import Plan
from taizhang.units.models import Unit


@dataclass(frozen=True, slots=True)
class UnstaffedUnit:
    unit: Unit
    lines: int  # its lines on published plans
    plan_id: int  # one of those plans (the first), for a link to the unit's lines


def units_without_liaison(*, user: User, role: Role) -> list[UnstaffedUnit]:
    """The active units ``user`` covers through ``role`` (the office, or the system administrator) that
    have lines on a published plan and no active liaison, by region and place in the unit list. Two
    queries whatever the number of units."""
    liaison = RoleGrant.objects.filter(unit_id=OuterRef("unit_id"), role=Role.LIAISON, user__is_active=True)
    rows = (
        Assignment.objects.filter(unit_scope_q(user, role), task__plan__status=Plan.Status.PUBLISHED)
        .filter(unit__active=True)
        .exclude(Exists(liaison))
        .values("unit_id")
        .annotate(lines=Count("id"), plan_id=Min("task__plan_id"))
    )
    found = {row["unit_id"]: row for row in rows}
    units = (
        Unit.objects.filter(pk__in=list(found))
        .select_related("region")
        .order_by("region__name", "order", "name")
    )
    return [UnstaffedUnit(unit=u, lines=found[u.pk]["lines"], plan_id=found[u.pk]["plan_id"]) for u in units]
