"""Writes to scores: the unit's self-assessment (自评) of its manual indicators and its submission, and the
assessors' score (考核组评分) of any indicator, which overrides the rest. While the assessment is a draft
only. A score below the maximum needs its reason (自评说明 / 扣分理由).

Each save recomputes the score's final and the assessment's totals, ranks and grades in its transaction.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from taizhang.accounts.checks import require_acting_for_unit, require_office_admin_of
from taizhang.accounts.models import User
from taizhang.assessment import scoring
from taizhang.assessment.checks import OFFICE_WORK, SELF_ASSESS
from taizhang.assessment.codes import AssessmentCode
from taizhang.assessment.models import AssessedUnit, Assessment, Indicator, Score
from taizhang.assessment.ranking import rerank
from taizhang.assessment.services.assessments import require_state
from taizhang.audit.services import audit_record, snapshot
from taizhang.lib.concurrency import StaleEdit, save_versioned
from taizhang.lib.refusal import Refusal


def clean_points(value, reason: str, indicator: Indicator) -> tuple[Decimal, str]:
    """A score between 0 and the indicator's maximum, and its reason, required below the maximum."""
    try:
        points = scoring.cents(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        raise Refusal(AssessmentCode.BAD_SCORE, "得分须为数字。", "The score must be a number.") from None
    if not 0 <= points <= indicator.max_points:
        raise Refusal(
            AssessmentCode.OUT_OF_RANGE,
            f"得分须在 0 到 {indicator.max_points} 之间。",
            f"The score must lie between 0 and {indicator.max_points}.",
        )
    reason = (reason or "").strip()
    if points < indicator.max_points and not reason:
        raise Refusal(
            AssessmentCode.REASON_REQUIRED,
            "低于满分须说明扣分理由。",
            "A score below the maximum needs a reason.",
        )
    if len(reason) > 2000:
        raise Refusal(AssessmentCode.REASON_TOO_LONG, "理由不超过2000字。", "The reason is too long.")
    return points, reason


def _save(actor: User, score: Score, expected_version: int, action: str, **changes) -> Score:
    fields = list(changes)
    with transaction.atomic():
        locked = Score.objects.select_for_update().select_related("indicator").get(pk=score.pk)
        assessment = Assessment.objects.select_for_update().get(pk=score.assessed.assessment_id)
        require_state(assessment, Assessment.State.DRAFT, doing="评分", doing_en="scored")
        if locked.version != expected_version:
            raise StaleEdit(score, expected_version)
        before = snapshot(locked, fields=fields)
        for name, value in changes.items():
            setattr(locked, name, value)
        leaf = locked.indicator
        final = scoring.final_score(
            leaf.method, computed=locked.computed, self_score=locked.self_score,
            assessor_score=locked.assessor_score,
        )  # fmt: skip
        computed_rule = ""
        if leaf.method == Indicator.Method.AUTO:
            computed_rule = scoring.leaf_outcome(leaf.metric, locked.measured, leaf.max_points, leaf.params)[
                1
            ]
        applies, rule = scoring.leaf_rule(
            leaf.method, computed_rule=computed_rule, assessor_score=locked.assessor_score
        )
        save_versioned(
            score, expected_version=expected_version, final=final, applies=applies, rule=rule, **changes
        )
        rerank(assessment)
        audit_record(
            actor=actor, action=action, obj=score, before=before, after=snapshot(score, fields=fields)
        )
    return score


def self_score_save(*, actor: User, score: Score, value, reason: str, expected_version: int) -> Score:
    """自评: the unit's liaison or head scores one of its manual indicators, before submitting."""
    assessed = score.assessed
    require_acting_for_unit(actor, assessed.unit_id, **SELF_ASSESS)
    require_state(assessed.assessment, Assessment.State.DRAFT, doing="自评", doing_en="self-assessed")
    if score.indicator.method != Indicator.Method.MANUAL:
        raise Refusal(
            AssessmentCode.NOT_MANUAL,
            "只有人工评分指标需要自评。",
            "Only manual indicators are self-assessed.",
        )
    if assessed.self_submitted_at is not None:
        raise Refusal(
            AssessmentCode.SUBMITTED, "自评已提交，不能再修改。", "The self-assessment was submitted."
        )
    points, reason = clean_points(value, reason, score.indicator)
    return _save(
        actor, score, expected_version, "assessment_score.self", self_score=points, self_reason=reason
    )


def assessor_score_save(*, actor: User, score: Score, value, reason: str, expected_version: int) -> Score:
    """考核组评分: the office scores any indicator of a unit; it overrides the computed and self scores."""
    require_office_admin_of(actor, score.assessed.assessment.region_id, **OFFICE_WORK)
    require_state(score.assessed.assessment, Assessment.State.DRAFT, doing="评分", doing_en="scored")
    points, reason = clean_points(value, reason, score.indicator)
    return _save(
        actor,
        score,
        expected_version,
        "assessment_score.assessor",
        assessor_score=points,
        assessor_reason=reason,
    )


def self_assessment_submit(*, actor: User, assessed: AssessedUnit, expected_version: int) -> AssessedUnit:
    """提交自评: every manual indicator self-scored; afterwards the unit's self scores are final."""
    require_acting_for_unit(actor, assessed.unit_id, **SELF_ASSESS)
    require_state(assessed.assessment, Assessment.State.DRAFT, doing="提交自评", doing_en="self-assessed")
    if assessed.self_submitted_at is not None:
        raise Refusal(AssessmentCode.SUBMITTED, "自评已提交。", "The self-assessment was already submitted.")
    unscored = assessed.scores.filter(indicator__method=Indicator.Method.MANUAL, self_score__isnull=True)
    if codes := sorted(unscored.values_list("indicator__code", flat=True)):
        raise Refusal(
            AssessmentCode.INCOMPLETE,
            f"尚有指标未自评：{'、'.join(codes)}。",
            f"Not yet self-scored: {', '.join(codes)}.",
        )
    now = timezone.now()
    with transaction.atomic():
        AssessedUnit.objects.select_for_update().get(pk=assessed.pk)
        save_versioned(assessed, expected_version=expected_version, self_submitted_at=now)
        audit_record(
            actor=actor, action="assessment.self_submit", obj=assessed, after={"self_submitted_at": now}
        )
    return assessed
