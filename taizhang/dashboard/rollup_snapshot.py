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
from taizhang.ledger.models import Assignment
from taizhang.ledger.rules import Color
from taizhang.units.models import Region, Unit


def rollup_refresh(*, year: int, today: date) -> int:
    """Count every unit's figures for ``year`` as on ``today`` (zeros too) and replace the year's snapshot
    with them in one transaction. The counting reads before it (a few seconds at a province's scale, no
    lock held). No audit entry: figures derived from what is audited, taken every tick, are nobody's act.
    Returns the number of units."""
    region_ids = list(Region.objects.values_list("pk", flat=True))
    rows = {uid: Row(uid, "", "unit") for uid in Unit.objects.values_list("pk", flat=True)}
    everything = Assignment.objects.all()
    count_live(rows.get, everything, Q(), Q(), region_ids, key_of="unit_id", year=year, today=today)
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
        UnitYearSummary.objects.filter(year=year).delete()
        UnitYearSummary.objects.bulk_create(summaries, batch_size=2000)
    return len(summaries)


def rollup_snapshot_step(*, today: date) -> None:
    """The tick's step: this year's snapshot every tick; last year's (late reports and closings still change
    it) once a day, when it was not yet taken today."""
    rollup_refresh(year=today.year, today=today)
    last = UnitYearSummary.objects.filter(year=today.year - 1).order_by("computed_at").first()
    if last is None or timezone.localdate(last.computed_at) != timezone.localdate():
        rollup_refresh(year=today.year - 1, today=today)
