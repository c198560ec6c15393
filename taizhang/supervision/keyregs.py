"""重点制度 reads: the register a unit picks its key regulations from, what it named for a year, and the
office's overview — the responsible units that have not named enough, and for each named regulation whether
an inspection of that year covered it (``Inspection.regulations``) or a finding named it.

An inspection counts when the user may read it (a covert one not yet published: the office side of its
region only). The overview costs the same handful of queries for any number of units.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from taizhang.accounts.models import User
from taizhang.accounts.selectors import unit_scope_q
from taizhang.inspections.models import Finding, Inspection
from taizhang.inspections.selectors import inspection_visible_q
from taizhang.ledger.models import Assignment
from taizhang.plans.models import Plan
from taizhang.regulations.models import Regulation
from taizhang.supervision.models import KeyRegulation
from taizhang.supervision.selectors import READERS
from taizhang.units.models import Unit
from taizhang.units.selectors import region_ancestor_ids


def register_for(unit: Unit) -> QuerySet[Regulation]:
    """The regulations a unit may name: those of its region or a region above, and those of no region
    (central ones); not abolished."""
    regions = region_ancestor_ids(unit.region_id)
    return Regulation.objects.filter(Q(region__isnull=True) | Q(region_id__in=regions)).exclude(
        status=Regulation.Status.ABOLISHED
    )


def key_regulations(*, unit: Unit, year: int) -> QuerySet[KeyRegulation]:
    """What ``unit`` named for ``year`` (the caller has checked the unit is the user's)."""
    return (
        KeyRegulation.objects.filter(unit=unit, year=year)
        .select_related("regulation", "named_by")
        .order_by("regulation__title", "pk")
    )


def _inspections_seen(user: User, year: int) -> QuerySet[Inspection]:
    """The year's inspections the user may read (``inspections.selectors.inspection_visible_q``: the office
    side of a region reads its covert ones too)."""
    return Inspection.objects.filter(inspection_visible_q(user), start_date__year=year)


@dataclass
class NamedRegulation:
    regulation: Regulation
    inspected: bool  # an inspection of the year covered it, or a finding of the year named it


@dataclass
class UnitKeyRegulations:
    unit: Unit
    named: list[NamedRegulation] = field(default_factory=list)

    @property
    def enough(self) -> bool:
        return len(self.named) >= settings.TAIZHANG_KEY_REGULATIONS_MIN


def responsible_units(*, user: User, year: int) -> QuerySet[Unit]:
    """The units of the user's regions expected to name key regulations for ``year``: those with a line on a
    published (or archived) plan running in ``year``, and those that named key regulations for ``year``
    whatever their lines — a unit that declared is counted and shown, never left out of the totals (issue 13:
    the overview said "0 项" right after a unit without a running plan had declared three)."""
    lines = Assignment.objects.filter(
        unit_scope_q(user, *READERS),
        unit=OuterRef("pk"),
        task__plan__status__in=(Plan.Status.PUBLISHED, Plan.Status.ARCHIVED),
        task__plan__period_start__lte=year,
        task__plan__period_end__gte=year,
    )
    declared = KeyRegulation.objects.filter(unit_scope_q(user, *READERS), unit=OuterRef("pk"), year=year)
    return (
        Unit.objects.filter(Exists(lines) | Exists(declared))
        .select_related("region")
        .order_by("region__name", "order", "name")
    )


def keyreg_overview(*, user: User, year: int) -> list[UnitKeyRegulations]:
    """Every responsible unit with the key regulations it named for ``year`` and whether each was
    inspected; four queries."""
    units = list(responsible_units(user=user, year=year))
    rows = {unit.pk: UnitKeyRegulations(unit) for unit in units}
    named = list(
        KeyRegulation.objects.filter(unit_id__in=list(rows), year=year)
        .select_related("regulation")
        .order_by("regulation__title", "pk")
    )
    regulation_ids = {k.regulation_id for k in named}
    inspected = set(
        Inspection.regulations.through.objects.filter(
            regulation_id__in=regulation_ids, inspection__in=_inspections_seen(user, year)
        ).values_list("regulation_id", flat=True)
    )
    inspected |= set(
        Finding.objects.filter(
            regulation_id__in=regulation_ids,
            inspection__in=_inspections_seen(user, year),
            found_on__year=year,
        ).values_list("regulation_id", flat=True)
    )
    for key in named:
        rows[key.unit_id].named.append(NamedRegulation(key.regulation, key.regulation_id in inspected))
    return list(rows.values())
