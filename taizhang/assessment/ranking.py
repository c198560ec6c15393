"""Totals, ranks and grades of an assessment from its stored scores (``rerank``), and the ranking rows with
last year's comparison: the same region's published assessment of the year before, read from its snapshot.

``rerank`` writes derived columns only (AssessedUnit total, rank, grade); callers run it inside their
transaction after changing scores. Totals are rescaled over the leaves that apply (``scoring``). Ranks and
grades are given only at publication (``ranked=True``): until then a total is provisional and the ranking
is 评分中 — no rank, no grade, stored or shown.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.conf import settings

from taizhang.assessment import scoring
from taizhang.assessment.models import AssessedUnit, Assessment, Grade, Score
from taizhang.assessment.tree import leaves

GRADE_LABELS = dict(Grade.choices)


def assessment_leaves(assessment: Assessment):
    return leaves(list(assessment.standard_version.indicators.all()))


def rerank(assessment: Assessment, *, ranked: bool = False) -> Decimal:
    """Recompute every unit's total from the scores' ``final`` and ``applies`` and, when ``ranked`` (at
    publication), its rank and grade; returns the maximum."""
    leaf_list = assessment_leaves(assessment)
    finals: dict[int, dict[int, tuple[Decimal | None, bool]]] = defaultdict(dict)
    rows = Score.objects.filter(assessed__assessment=assessment)
    for assessed_id, indicator_id, final, applies in rows.values_list(
        "assessed_id", "indicator_id", "final", "applies"
    ):
        finals[assessed_id][indicator_id] = (final, applies)
    units = list(assessment.units.all())
    totals, maximum = {}, Decimal(0)
    for unit in units:
        got = finals.get(unit.pk, {})
        leaves = ((got.get(leaf.pk, (None, True)), leaf) for leaf in leaf_list)
        totals[unit.pk], maximum = scoring.rescaled_total(
            (final, leaf.max_points, leaf.weight, applies) for (final, applies), leaf in leaves
        )
    if not leaf_list:
        maximum = Decimal(0)
    ranks: dict = {}
    grades: dict = {}
    if ranked:
        ranks = scoring.competition_ranks(totals)
        grades = scoring.grades(
            totals,
            ranks,
            maximum=maximum,
            thresholds=settings.TAIZHANG_ASSESSMENT_GRADES,
            quota=settings.TAIZHANG_ASSESSMENT_EXCELLENT_QUOTA,
        )
    changed = []  # one score saved moves one total: write only the rows that changed
    for unit in units:
        now = (totals[unit.pk], ranks.get(unit.pk), grades.get(unit.pk, ""))
        if (unit.total, unit.rank, unit.grade) != now:
            unit.total, unit.rank, unit.grade = now
            changed.append(unit)
    AssessedUnit.objects.bulk_update(changed, ["total", "rank", "grade"], batch_size=500)
    return maximum


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The region's latest published assessment of the year before, if any."""
    return (
        Assessment.objects.filter(
            region_id=assessment.region_id, year=assessment.year - 1, state=Assessment.State.PUBLISHED
        )
        .select_related("snapshot")
        .order_by("-published_at", "-pk")
        .first()
    )


def comparison(assessment: Assessment) -> tuple[Assessment | None, dict[int, dict]]:
    """Last year's assessment and, per unit id, its rank and total there (from its snapshot)."""
    previous = previous_assessment(assessment)
    if previous is None or not hasattr(previous, "snapshot"):
        return None, {}
    from taizhang.assessment.snapshot import SnapshotTampered, published_data  # it imports this module

    try:
        rows = published_data(previous)["units"]
    except SnapshotTampered:  # alarmed; last year's figures are not compared with as if genuine
        return None, {}
    return previous, {row["unit_id"]: {"rank": row["rank"], "total": row["total"]} for row in rows}


def with_change(row: dict, before: dict | None) -> dict:
    """``row`` with last year's rank and total and the changes (a positive rank change moved up)."""
    if before is None or row.get("total") is None:
        return {
            **row,
            "previous_rank": None,
            "previous_total": None,
            "rank_change": None,
            "total_change": None,
        }
    total_change = Decimal(row["total"]) - Decimal(before["total"])
    return {
        **row,
        "previous_rank": before["rank"],
        "previous_total": before["total"],
        "rank_change": before["rank"] - row["rank"] if row.get("rank") else None,
        "total_change": str(scoring.cents(total_change)),
    }


def live_rows(assessment: Assessment) -> list[dict]:
    """The rows of an assessment still being scored (评分中: every state before published), from the stored
    columns, in the units' order: the provisional total, no rank and no grade (``rerank`` gives none before
    publication), last year's figures but no rank change."""
    _previous, before = comparison(assessment)
    rows = []
    for unit in assessment.units.select_related("unit").order_by("unit__order", "unit__name"):
        row = {
            "unit_id": unit.unit_id,
            "unit": unit.unit.name,
            "assessed_id": unit.pk,
            "total": None if unit.total is None else str(unit.total),
            "rank": unit.rank,
            "grade": unit.grade,
        }
        rows.append(with_change(row, before.get(unit.unit_id)))
    return rows
