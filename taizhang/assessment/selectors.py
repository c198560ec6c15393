"""Who reads what of assessment (考核). Out of scope → 404.

- The office side of the region (office admins, leaders, inspectors with a region grant covering it) reads
  every standard, assessment, score and reason of it.
- A unit (liaison, unit head) in an assessment reads the assessment and its **own** scores: computed,
  measured and its self-assessment at once; the assessors' scores, their reasons, the finals and its total,
  rank and grade only once published. After publication it reads the ranking (every unit's total, rank and
  grade) — never another unit's scores or reasons (404 by id). Published figures come from the snapshot.
- Nobody else: 404. Standards are the office side's only (units are refused the pages by role, 403); the
  scoring rules in words (``rules``) are on each unit's score sheet too.
- Ranks and grades exist only once published: before that (评分中) the office side reads provisional
  totals in the units' order, nobody a rank or a grade.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from taizhang.accounts.checks import OFFICE_SIDE, is_office_side_of
from taizhang.accounts.models import UNIT_ROLES, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope, unit_scope_q
from taizhang.assessment.models import AssessedUnit, Assessment, Metric, Standard, StandardVersion
from taizhang.assessment.ranking import live_rows
from taizhang.assessment.rules import RULE_TEXT, indicator_rule
from taizhang.assessment.snapshot import published_data
from taizhang.assessment.tree import depth_first

METRIC_LABELS = dict(Metric.choices)


def assessment_visible_q(user: User) -> Q:
    own = AssessedUnit.objects.filter(unit_scope_q(user, *UNIT_ROLES)).values("assessment_id")
    return Q(region_id__in=region_ids_in_scope(user, *OFFICE_SIDE)) | Q(pk__in=own)


def assessment_list(*, user: User) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(assessment_visible_q(user))
        .select_related("region", "standard_version__standard")
        .order_by("-year", "title", "pk")
    )


def assessment_get(*, user: User, pk: int) -> Assessment:
    try:
        return assessment_list(user=user).get(pk=pk)
    except Assessment.DoesNotExist:
        raise Http404 from None


def own_assessed(*, user: User, assessment: Assessment) -> list[AssessedUnit]:
    """The rows of the units the user acts for (liaison, head) in ``assessment``."""
    mine = unit_ids_in_scope(user, *UNIT_ROLES)
    return list(assessment.units.filter(unit_id__in=mine).select_related("unit"))


def assessed_get(*, user: User, pk: int) -> AssessedUnit:
    """A unit's row: the office side of its region, or the unit itself; else 404."""
    try:
        assessed = AssessedUnit.objects.select_related("assessment__region", "unit").get(pk=pk)
    except AssessedUnit.DoesNotExist:
        raise Http404 from None
    if is_office_side_of(user, assessed.assessment.region_id):
        return assessed
    if assessed.unit_id in unit_ids_in_scope(user, *UNIT_ROLES):
        return assessed
    raise Http404


def ranking_rows(*, user: User, assessment: Assessment) -> list[dict] | None:
    """Every unit's total, rank, grade and last year's change, best first; None when the user may not see
    the ranking yet (a unit before publication). Published: from the snapshot."""
    if assessment.state == Assessment.State.PUBLISHED:
        return [
            {key: value for key, value in row.items() if key != "scores"}
            for row in published_data(assessment)["units"]
        ]
    return live_rows(assessment) if is_office_side_of(user, assessment.region_id) else None


@dataclass
class SheetRow:
    """One line of a score sheet: a group heading (``score`` None) or a leaf with what the reader may see."""

    code: str
    name: str
    depth: int
    method: str
    metric: str
    max_points: Any
    weight: Any
    indicator_id: int
    score: dict | None = None
    rule: str = ""  # how the indicator is scored, in words (``rules.indicator_rule``)
    applied: str = ""  # the rule that gave this unit its score (``rules.RULE_TEXT``)


def _hidden(row: dict) -> dict:
    """A unit's own row before publication: without what the assessors decided (not even that they did)."""
    rule = "" if row.get("rule") == "assessor" else row.get("rule", "")
    return {**row, "assessor_score": None, "assessor_reason": "", "final": None, "hidden": True, "rule": rule}


def score_sheet(*, user: User, assessed: AssessedUnit) -> tuple[list[SheetRow], dict]:
    """The unit's sheet (rows in tree order) and its summary (total, rank, grade — None while hidden).
    Call with a row from ``assessed_get``."""
    assessment = assessed.assessment
    office = is_office_side_of(user, assessment.region_id)
    published = assessment.state == Assessment.State.PUBLISHED
    if published:
        data = published_data(assessment)
        tree = data["standard"]["indicators"]
        unit = next(u for u in data["units"] if u["assessed_id"] == assessed.pk)
        scores = {s["indicator_id"]: s for s in unit["scores"]}
        summary = {key: unit[key] for key in ("total", "rank", "grade")}
    else:
        tree = [
            {
                "id": i.pk, "depth": depth, "code": i.code, "name": i.name, "method": i.method,
                "metric": i.metric, "max_points": i.max_points, "weight": i.weight, "params": i.params,
            }
            for i, depth in depth_first(list(assessment.standard_version.indicators.all()))
        ]  # fmt: skip
        scores = {
            s.indicator_id: {
                "id": s.pk, "version": s.version, "computed": s.computed, "measured": s.measured,
                "applies": s.applies, "rule": s.rule,
                "self_score": s.self_score, "self_reason": s.self_reason, "assessor_score": s.assessor_score,
                "assessor_reason": s.assessor_reason, "final": s.final,
            }
            for s in assessed.scores.all()
        }  # fmt: skip
        summary = {"total": assessed.total, "rank": assessed.rank, "grade": assessed.grade}
        if not office:
            scores = {key: _hidden(row) for key, row in scores.items()}
            summary = {"total": None, "rank": None, "grade": ""}
    rows = [
        SheetRow(
            code=node["code"], name=node["name"], depth=node["depth"], method=node["method"],
            metric=METRIC_LABELS.get(node["metric"], ""), max_points=node["max_points"],
            weight=node["weight"],
            indicator_id=node["id"], score=scores.get(node["id"]),
            rule=indicator_rule(node["method"], node["metric"], node["max_points"], node.get("params")),
        )
        for node in tree
    ]  # fmt: skip
    for row in rows:
        if row.score is not None:  # a format-1 snapshot's score always applied and names no rule
            row.score.setdefault("applies", True)
            row.applied = str(RULE_TEXT.get(row.score.get("rule") or "", ""))
    return rows, summary


def standard_list(*, user: User) -> QuerySet[Standard]:
    return (
        Standard.objects.filter(region_id__in=region_ids_in_scope(user, *OFFICE_SIDE))
        .select_related("region")
        .prefetch_related("versions")
        .order_by("region__name", "name")
    )


def standard_get(*, user: User, pk: int) -> Standard:
    try:
        return standard_list(user=user).get(pk=pk)
    except Standard.DoesNotExist:
        raise Http404 from None


def version_get(*, user: User, pk: int) -> StandardVersion:
    try:
        return StandardVersion.objects.select_related("standard__region").get(
            pk=pk, standard__region_id__in=region_ids_in_scope(user, *OFFICE_SIDE)
        )
    except StandardVersion.DoesNotExist:
        raise Http404 from None
