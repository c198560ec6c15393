"""地区汇总快照: each unit's figures for a year (``dashboard.models.UnitYearSummary``), counted by
``dashboard.rollup.count_live`` over every line, finding and rectification item, for the roll-up page to sum
by region instead of judging every line's light of a province's year on each request.

The figures are the live roll-up's for any reader whose region grant covers the region: the page is open to
the office side of a region and everything below it (``rollup_regions``), who read all the region's
released lines, findings and rectification items. Refreshed by the tick (this year every 15 minutes, last
year once a day) and by ``rollup_refresh``; the page shows when the snapshot was taken.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from taizhang.dashboard.models import UnitYearSummary
from taizhang.dashboard.rollup import SNAPSHOT_FIGURES, Row, count_live
from taizhang.inspections.models import Finding
from taizhang.ledger.changes import Touched, mark_through, touched_since, units_by
from taizhang.ledger.models import Assignment
from taizhang.ledger.rules import Color
from taizhang.lib.bulk import bulk_insert
from taizhang.rectification.models import RectificationItem, RectificationProgress
from taizhang.units.models import Region, Unit


def rollup_refresh(
    *, year: int, today: date, unit_ids: set[int] | None = None, touched: Touched | None = None
) -> int:
    """Count every unit's figures for ``year`` as on ``today`` (zeros too) — or only ``unit_ids``' — and put
    them in the year's snapshot in one transaction (the others' rows are still right: their ``computed_at``
    moves on with them). The counting reads before it (a few seconds for a province, no lock held). No
    audit entry: figures derived from what is audited, taken every tick, are nobody's act. ``touched``: the
    audit mark to keep with it (``ledger.changes``). Returns the number of units counted."""
    region_ids = list(Region.objects.values_list("pk", flat=True))
    units = Unit.objects.all() if unit_ids is None else Unit.objects.filter(pk__in=sorted(unit_ids))
    rows = {uid: Row(uid, "", "unit") for uid in units.values_list("pk", flat=True)}
    lines, finding_q, rect_q = Assignment.objects.all(), Q(), Q()
    if unit_ids is not None:
        lines = lines.filter(unit_id__in=list(rows))
        finding_q = rect_q = Q(unit_id__in=list(rows))
    count_live(rows.get, lines, finding_q, rect_q, region_ids, key_of="unit_id", year=year, today=today)
    now = timezone.now()
    summaries = [
        UnitYearSummary(
            unit_id=uid,
            year=year,
            computed_at=now,
            **{name: getattr(row, name) for name in SNAPSHOT_FIGURES},
            **{color: row.lights[color] for color in Color.values},
        )
        for uid, row in rows.items()
    ]
    with transaction.atomic():
        if unit_ids is None:
            UnitYearSummary.objects.filter(year=year).delete()
        else:
            UnitYearSummary.objects.filter(year=year, unit_id__in=list(rows)).delete()
            UnitYearSummary.objects.filter(year=year).update(computed_at=now)
        bulk_insert(UnitYearSummary, summaries)  # lib.bulk: a fraction of bulk_create's CPU, under the lock
        if touched is not None:
            mark_through(_mark(year), touched=touched, today=today)
    return len(summaries)


def _mark(year: int) -> str:
    return f"rollup:{year}"


# Counted object types other than lines and reports (``ledger.changes``): their units are recounted.
UNITS_OF = {
    "inspections.finding": units_by(Finding),
    "rectification.rectificationitem": units_by(RectificationItem),
    "rectification.rectificationprogress": units_by(RectificationProgress, "item__unit_id"),
}


def rollup_snapshot_step(*, today: date) -> None:
    """The tick's step: this year's snapshot every tick, recounting only the units whose lines, reports,
    findings or rectification items changed since the last (``ledger.changes``; everything on a new day);
    last year's (late reports and closings still change it) once a day, when it was not yet taken today."""
    touched = touched_since(_mark(today.year), today=today, units_of=UNITS_OF)
    if touched.everything:
        rollup_refresh(year=today.year, today=today, touched=touched)
    else:
        rollup_refresh(year=today.year, today=today, unit_ids=touched.line_units(), touched=touched)
    last = UnitYearSummary.objects.filter(year=today.year - 1).order_by("computed_at").first()
    if last is None or timezone.localdate(last.computed_at) != timezone.localdate():
        rollup_refresh(year=today.year - 1, today=today)
