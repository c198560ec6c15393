"""``/assessments``: yearly assessments (年度考核) the caller may see, one with its ranking when the
caller may see it, and the caller's own units' score sheets. Read-only; the same selectors as the pages."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from taizhang.api.errors import COMMON_ERRORS
from taizhang.api.pagination import page
from taizhang.api.schemas import PageQuery
from taizhang.assessment.models import Assessment
from taizhang.assessment.selectors import (
    assessment_get,
    assessment_list,
    own_assessed,
    ranking_rows,
    score_sheet,
)

router = Router(tags=["assessment 考核"])


class AssessmentOut(Schema):
    id: int
    year: int
    title: str
    state: str
    region: str
    standard: str
    published_at: datetime | None

    @staticmethod
    def resolve_region(obj: Assessment) -> str:
        return obj.region.name

    @staticmethod
    def resolve_standard(obj: Assessment) -> str:
        return str(obj.standard_version)


class AssessmentPage(Schema):
    items: list[AssessmentOut]
    total: int
    limit: int
    offset: int


class RankingRowOut(Schema):
    unit_id: int
    unit: str
    total: Decimal | None
    rank: int | None
    grade: str
    previous_rank: int | None
    previous_total: Decimal | None
    rank_change: int | None
    total_change: Decimal | None


class AssessmentDetailOut(AssessmentOut):
    # false while being scored (评分中, every state before published): no row has a rank or a grade
    ranked: bool
    ranking: list[RankingRowOut] | None  # None while the caller may not see it (a unit before publication)

    @staticmethod
    def resolve_ranked(obj: Assessment) -> bool:
        return obj.state == Assessment.State.PUBLISHED


class ScoreOut(Schema):
    indicator_id: int
    code: str
    name: str
    max_points: Decimal
    weight: Decimal
    measured: dict[str, Any]
    applies: bool  # false: nothing to assess, left out of the total, which is rescaled
    rule: (
        str  # the rule that gave the score: rate, deduct, none_due, owed_none_sent, not_inspected, manual, …
    )
    computed: Decimal | None
    self_score: Decimal | None
    self_reason: str
    assessor_score: Decimal | None  # null, with the reason empty, until publication
    assessor_reason: str
    final: Decimal | None


class UnitScoresOut(Schema):
    """One unit's sheet: totals and, per leaf, what the caller may see."""

    assessed_unit_id: int
    unit_id: int
    unit: str
    total: Decimal | None
    rank: int | None
    grade: str
    scores: list[ScoreOut]


class MyScoresOut(Schema):
    units: list[UnitScoresOut]  # the caller's units in the assessment (none for the office side)


@router.get("/assessments", response={200: AssessmentPage, **COMMON_ERRORS})
def list_assessments(request: HttpRequest, query: Query[PageQuery]):
    """年度考核列表 / The assessments the caller may see, newest year first."""
    return page(assessment_list(user=request.auth), query)


@router.get("/assessments/{assessment_id}", response={200: AssessmentDetailOut, **COMMON_ERRORS})
def get_assessment(request: HttpRequest, assessment_id: int):
    """年度考核 / One assessment; ``ranking`` when the caller may see it (the office always, units once
    published, from the snapshot)."""
    assessment = assessment_get(user=request.auth, pk=assessment_id)
    assessment.ranking = ranking_rows(user=request.auth, assessment=assessment)
    return assessment


@router.get("/assessments/{assessment_id}/my-scores", response={200: MyScoresOut, **COMMON_ERRORS})
def get_my_assessment_scores(request: HttpRequest, assessment_id: int):
    """本单位得分 / The score sheets of the caller's own units (liaison, unit head) in the assessment: what
    the score sheet page shows them. Empty for a caller with no unit in it."""
    assessment = assessment_get(user=request.auth, pk=assessment_id)
    sheets = []
    for assessed in own_assessed(user=request.auth, assessment=assessment):
        rows, summary = score_sheet(user=request.auth, assessed=assessed)
        scores = [
            {
                "indicator_id": row.indicator_id, "code": row.code, "name": row.name,
                "max_points": row.max_points, "weight": row.weight,
                "measured": row.score.get("measured") or {}, "computed": row.score.get("computed"),
                "applies": row.score.get("applies", True), "rule": row.score.get("rule") or "",
                "self_score": row.score.get("self_score"), "self_reason": row.score.get("self_reason") or "",
                "assessor_score": row.score.get("assessor_score"),
                "assessor_reason": row.score.get("assessor_reason") or "", "final": row.score.get("final"),
            }
            for row in rows
            if row.score is not None
        ]  # fmt: skip
        sheets.append(
            {
                "assessed_unit_id": assessed.pk, "unit_id": assessed.unit_id, "unit": assessed.unit.name,
                "total": summary["total"], "rank": summary["rank"], "grade": summary["grade"] or "",
                "scores": scores,
            }
        )  # fmt: skip
    return {"units": sheets}
