"""明查暗访 情况: per unit and year, how many inspections that named the unit were held (started:
检查中, 已完成 or 已公开), open (明查) and covert (暗访), against ``TAIZHANG_INSPECTIONS_MIN_PER_YEAR``.

Counted over the inspections the user may read, so a unit's own row never counts a covert visit before it
is published, and the units are those the user covers. Three queries whatever the number of units.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, QuerySet

from taizhang.accounts.models import User
from taizhang.accounts.selectors import unit_ids_in_scope, unit_scope_q
from taizhang.inspections.models import Inspection
from taizhang.inspections.selectors import inspection_visible_q
from taizhang.units.models import Unit

HELD = (Inspection.State.IN_PROGRESS, Inspection.State.DONE, Inspection.State.PUBLISHED)


@dataclass(frozen=True, slots=True)
class CoverageRow:
    unit: Unit
    open: int  # 明查
    covert: int  # 暗访
    minimum: int

    @property
    def total(self) -> int:
        return self.open + self.covert

    @property
    def shortfall(self) -> int:
        return max(0, self.minimum - self.total)


@dataclass(frozen=True, slots=True)
class Coverage:
    year: int
    minimum: int
    rows: list[CoverageRow]
    open: int  # inspections held in the year, each counted once however many units it named
    covert: int

    @property
    def short(self) -> list[CoverageRow]:
        return [row for row in self.rows if row.shortfall]


def held_inspections(*, user: User, year: int) -> QuerySet[Inspection]:
    return Inspection.objects.filter(inspection_visible_q(user), state__in=HELD, start_date__year=year)


def inspection_coverage(*, user: User, year: int) -> Coverage:
    minimum = settings.TAIZHANG_INSPECTIONS_MIN_PER_YEAR
    held = held_inspections(user=user, year=year)
    units = list(Unit.objects.filter(pk__in=unit_ids_in_scope(user), active=True).order_by("order", "pk"))
    counts: dict[tuple[int, bool], int] = {}
    pairs = (
        Inspection.units.through.objects.filter(unit_scope_q(user), inspection__in=held.values("pk"))
        .values("unit_id", "inspection__covert")
        .annotate(n=Count("inspection_id", distinct=True))
    )
    for pair in pairs:
        counts[(pair["unit_id"], pair["inspection__covert"])] = pair["n"]
    rows = [
        CoverageRow(unit, counts.get((unit.pk, False), 0), counts.get((unit.pk, True), 0), minimum)
        for unit in units
    ]
    totals = dict(held.order_by().values_list("covert").annotate(n=Count("pk")))
    return Coverage(year, minimum, rows, totals.get(False, 0), totals.get(True, 0))
