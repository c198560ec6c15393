"""Writes to a year's assessment (年度考核): create, compute, the steps draft → review → pending approval →
approved → published (and back), and the frozen snapshot with the units told. Scores are in
``services.scores``.

The approval step (审批): the office submits a reviewed assessment (提交审批, the leaders of the region told);
a leader whose grant covers the region — not the person who submitted it — approves (审批通过, the office
told) or returns it to review with a reason (退回, the office told, the reason kept on the assessment);
only an approved assessment is published.

Each is one transaction with its audit entry, the assessment's ``version`` checked (``expected_version``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from taizhang.accounts.checks import require_office_admin_of
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import office_admins_of_regions, people_of_units, region_ids_in_scope
from taizhang.assessment import metrics, scoring
from taizhang.assessment.checks import OFFICE_WORK
from taizhang.assessment.codes import AssessmentCode
from taizhang.assessment.models import AssessedUnit, Assessment, Indicator, Score, Snapshot, StandardVersion
from taizhang.assessment.ranking import assessment_leaves, rerank
from taizhang.assessment.snapshot import digest, snapshot_data, snapshot_seal
from taizhang.audit.services import audit_record
from taizhang.lib.concurrency import StaleEdit, save_versioned
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal
from taizhang.notifications.intents import ReminderIntent
from taizhang.notifications.models import Notification
from taizhang.notifications.services import notify
from taizhang.plans.models import Plan
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids


def require_state(assessment: Assessment, *allowed: str, doing: str, doing_en: str) -> None:
    if assessment.state not in allowed:
        raise Refusal(
            AssessmentCode.WRONG_STATE,
            f"考核当前为“{assessment.get_state_display()}”，不能{doing}。",
            f"An assessment that is {assessment.state} cannot be {doing_en}.",
        )


def _lock(assessment: Assessment, expected_version: int, *allowed: str, doing: str, doing_en: str):
    """Lock the row; refuse a state not ``allowed`` or a version other than the one the actor saw."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    require_state(locked, *allowed, doing=doing, doing_en=doing_en)
    if locked.version != expected_version:
        raise StaleEdit(assessment, expected_version)


def default_units(region: Region, year: int, plans: Iterable[Plan]) -> list[Unit]:
    """Every active unit with a ledger line on the plans in scope (the region's running plans if none)."""
    plan_ids = [p.pk for p in plans] or list(
        metrics.plans_running(region.pk, year).values_list("pk", flat=True)
    )
    return list(Unit.objects.filter(active=True, assignments__task__plan_id__in=plan_ids).distinct())


def assessment_create(
    *,
    actor: User,
    region: Region,
    year: int,
    title: str,
    standard_version: StandardVersion,
    units: Iterable[Unit] = (),
    plans: Iterable[Plan] = (),
) -> Assessment:
    """A draft assessment of ``region`` for ``year`` against a released version of the region's standard,
    with a row per unit (default: ``default_units``) and an empty score per leaf indicator."""
    require_office_admin_of(actor, region.pk, **OFFICE_WORK)
    title, plans = " ".join(title.split()), list(plans)
    if not title or len(title) > 200:
        raise Refusal(
            AssessmentCode.TITLE_BLANK,
            "请填写考核名称（不超过200字）。",
            "A title of at most 200 characters.",
        )
    if not 2000 <= year <= timezone.localdate().year + 1:
        raise Refusal(AssessmentCode.BAD_YEAR, "考核年度无效。", "The year is out of range.")
    if (
        standard_version.state != StandardVersion.State.RELEASED
        or standard_version.standard.region_id != region.pk
    ):
        raise Refusal(
            AssessmentCode.BAD_VERSION,
            "须选择本地区已启用的考核标准版本。",
            "Choose a released version of the region's standard.",
        )
    if any(p.region_id != region.pk or p.status == Plan.Status.DRAFT for p in plans):
        raise Refusal(
            AssessmentCode.BAD_PLAN,
            "方案须为本地区已发布的方案。",
            "Plans must be the region's published plans.",
        )
    units = list(dict.fromkeys(units)) or default_units(region, year, plans)
    below = region_subtree_ids([region.pk])
    if not units or any(unit.region_id not in below for unit in units):
        raise Refusal(
            AssessmentCode.BAD_UNITS,
            "须有被考核单位，且都属于本地区。",
            "Name at least one unit, all of the region.",
        )
    if Assessment.objects.filter(region=region, year=year, title=title).exists():
        raise Refusal(
            AssessmentCode.TITLE_TAKEN, f"{year}年已有考核“{title}”。", f"{title!r} exists for {year}."
        )
    leaves = assessment_leaves(Assessment(standard_version=standard_version))
    with transaction.atomic():
        assessment = Assessment.objects.create(
            region=region, year=year, title=title, standard_version=standard_version, created_by=actor
        )
        assessment.plans.set(plans)
        assessed = AssessedUnit.objects.bulk_create(
            AssessedUnit(assessment=assessment, unit=u) for u in units
        )
        Score.objects.bulk_create(Score(assessed=a, indicator=leaf) for a in assessed for leaf in leaves)
        audit_record(
            actor=actor,
            action="assessment.create",
            obj=assessment,
            after={
                "region": region.pk, "year": year, "title": title, "standard_version": standard_version.pk,
                "units": sorted(u.pk for u in units), "plans": sorted(p.pk for p in plans),
            },
        )  # fmt: skip
    return assessment


def assessment_compute(*, actor: User, assessment: Assessment, expected_version: int) -> Assessment:
    """计算: measure every automatic leaf for every unit (``metrics``), store computed, measured and final,
    then totals, ranks and grades. Self and assessor scores are kept; running it again gives the same
    result on the same data. Draft only."""
    require_office_admin_of(actor, assessment.region_id, **OFFICE_WORK)
    require_state(assessment, Assessment.State.DRAFT, doing="计算", doing_en="computed")
    leaves = {leaf.pk: leaf for leaf in assessment_leaves(assessment)}
    units = dict(assessment.units.values_list("pk", "unit_id"))
    scope = metrics.Scope(
        year=assessment.year,
        unit_ids=frozenset(units.values()),
        plan_ids=metrics.plan_ids_in_scope(assessment),
        today=timezone.localdate(),
        lead_weight=assessment.standard_version.lead_weight,
        co_weight=assessment.standard_version.co_weight,
    )
    measured = metrics.measure({leaf.metric for leaf in leaves.values() if leaf.metric}, scope)
    now = timezone.now()
    with transaction.atomic():
        _lock(assessment, expected_version, Assessment.State.DRAFT, doing="计算", doing_en="computed")
        scores = list(Score.objects.filter(assessed__assessment=assessment).select_for_update())
        for score in scores:
            leaf = leaves[score.indicator_id]
            computed_rule = ""
            if leaf.method == Indicator.Method.AUTO:
                score.measured = measured[leaf.metric][units[score.assessed_id]]
                score.computed, computed_rule = scoring.leaf_outcome(
                    leaf.metric, score.measured, leaf.max_points, leaf.params
                )
            score.applies, score.rule = scoring.leaf_rule(
                leaf.method, computed_rule=computed_rule, assessor_score=score.assessor_score
            )
            score.final = scoring.final_score(
                leaf.method, computed=score.computed, self_score=score.self_score,
                assessor_score=score.assessor_score,
            )  # fmt: skip
        Score.objects.bulk_update(
            scores, ["measured", "computed", "applies", "rule", "final"], batch_size=500
        )
        rerank(assessment)
        save_versioned(assessment, expected_version=expected_version, computed_at=now)
        audit_record(
            actor=actor, action="assessment.compute", obj=assessment,
            after={"computed_at": now, "units": len(units), "scope_plans": sorted(scope.plan_ids)},
        )  # fmt: skip
    return assessment


def missing_assessor_scores(assessment: Assessment) -> list[str]:
    """Units (names) with a manual leaf the assessors have not scored."""
    rows = Score.objects.filter(
        assessed__assessment=assessment,
        indicator__method=Indicator.Method.MANUAL,
        assessor_score__isnull=True,
    )
    return sorted(set(rows.values_list("assessed__unit__name", flat=True)))


def assessment_to_review(*, actor: User, assessment: Assessment, expected_version: int) -> Assessment:
    """送审: scoring stops. Needs a computation and an assessor score on every manual leaf."""
    require_office_admin_of(actor, assessment.region_id, **OFFICE_WORK)
    require_state(assessment, Assessment.State.DRAFT, doing="提交审核", doing_en="sent to review")
    if assessment.computed_at is None:
        raise Refusal(AssessmentCode.NOT_COMPUTED, "请先计算得分。", "Compute the scores first.")
    if missing := missing_assessor_scores(assessment):
        raise Refusal(
            AssessmentCode.UNSCORED,
            f"以下单位尚有人工评分指标未评分：{'、'.join(missing)}。",
            f"Manual indicators are not yet scored by the assessors for: {', '.join(missing)}.",
        )
    return _move(actor, assessment, expected_version, Assessment.State.REVIEW, "assessment.review")


def assessment_back_to_draft(
    *, actor: User, assessment: Assessment, reason: str, expected_version: int
) -> Assessment:
    """退回评分: review (or approved, the approval then void) → draft, with the reason in the audit entry."""
    require_office_admin_of(actor, assessment.region_id, **OFFICE_WORK)
    require_state(
        assessment, Assessment.State.REVIEW, Assessment.State.APPROVED, doing="退回评分", doing_en="sent back"
    )
    reason = _reason(reason)
    return _move(
        actor, assessment, expected_version, Assessment.State.DRAFT, "assessment.back", reason=reason,
        fields={"approved_by": None, "approved_at": None},
    )  # fmt: skip


def _reason(reason: str) -> str:
    if not (reason := (reason or "").strip()):
        raise Refusal(AssessmentCode.REASON_REQUIRED, "请填写退回理由。", "A reason is required.")
    if len(reason) > 2000:
        raise Refusal(AssessmentCode.REASON_TOO_LONG, "理由不超过2000字。", "The reason is too long.")
    return reason


def _move(
    actor, assessment, expected_version, to_state, action, *, fields=None, tell=None, **extra
) -> Assessment:
    """One step: the row locked and checked, the state (and ``fields``) saved, the audit entry, then whom
    it concerns told (``tell``), all in one transaction."""
    with transaction.atomic():
        before = assessment.state
        _lock(assessment, expected_version, before, doing="变更状态", doing_en="moved")
        save_versioned(assessment, expected_version=expected_version, state=to_state, **(fields or {}))
        audit_record(
            actor=actor, action=action, obj=assessment, before={"state": before},
            after={"state": to_state, **extra},
        )  # fmt: skip
        if tell is not None:
            tell(assessment)
    return assessment


def _tell(people: Iterable[User], assessment: Assessment, event: str, subject: str, body: str) -> None:
    link = reverse("assessment_detail", args=[assessment.pk])
    for user in sorted({u.pk: u for u in people}.values(), key=lambda u: u.pk):
        notify(
            intent=ReminderIntent(
                recipient=user, kind=Notification.Kind.INFO, subject=subject, body=body, link=link,
                about=assessment,
                dedup_key=f"assessment:{assessment.pk}:{event}:{assessment.version}:user:{user.pk}",
            )
        )  # fmt: skip


def require_leader_of(actor: User, region_id: int) -> None:
    """PermissionDenied unless ``actor`` is a leader (领导) whose grant covers the region."""
    if region_id not in region_ids_in_scope(actor, Role.LEADER):
        raise PermissionDenied(
            said(
                "只有本地区领导可以审批考核结果。", "Only a leader of the region may approve the assessment."
            )
        )


def assessment_submit_approval(*, actor: User, assessment: Assessment, expected_version: int) -> Assessment:
    """提交审批: review → pending; the region's leaders are told."""
    require_office_admin_of(actor, assessment.region_id, **OFFICE_WORK)
    require_state(assessment, Assessment.State.REVIEW, doing="提交审批", doing_en="submitted for approval")
    now = timezone.now()
    leaders = [
        user
        for users in office_admins_of_regions(_region_and_above(assessment.region), role=Role.LEADER).values()
        for user in users
    ]
    return _move(
        actor, assessment, expected_version, Assessment.State.PENDING, "assessment.submit_approval",
        fields={"submitted_by": actor, "submitted_at": now, "return_reason": ""},
        tell=lambda a: _tell(
            leaders, a, "pending", f"考核结果待审批：{a.title}",
            f"{a.year}年度《{a.title}》考核结果已由惩防办提交审批，请审核后批准或退回。",
        ),
    )  # fmt: skip


def _region_and_above(region: Region) -> list[int]:
    """The region's id and its ancestors': a leader granted on any of them covers it."""
    ids, seen = [], set()
    while region is not None and region.pk not in seen:
        ids.append(region.pk)
        seen.add(region.pk)
        region = region.parent
    return ids


def _require_other_approver(actor: User, assessment: Assessment) -> None:
    require_leader_of(actor, assessment.region_id)
    require_state(assessment, Assessment.State.PENDING, doing="审批", doing_en="approved or returned")
    if assessment.submitted_by_id == actor.pk:
        raise Refusal(
            AssessmentCode.OWN_SUBMISSION,
            "不能审批自己提交的考核结果。",
            "You cannot approve or return an assessment you submitted yourself.",
        )


def _office_of(assessment: Assessment) -> list[User]:
    return office_admins_of_regions([assessment.region_id]).get(assessment.region_id, [])


def assessment_approve(*, actor: User, assessment: Assessment, expected_version: int) -> Assessment:
    """审批通过: pending → approved, by a leader of the region; the office is told it may publish."""
    _require_other_approver(actor, assessment)
    return _move(
        actor, assessment, expected_version, Assessment.State.APPROVED, "assessment.approve",
        fields={"approved_by": actor, "approved_at": timezone.now()},
        tell=lambda a: _tell(
            _office_of(a), a, "approved", f"考核结果已审批：{a.title}",
            f"{a.year}年度《{a.title}》考核结果已由{actor.get_full_name() or actor.username}审批通过，"
            "可以发布。",
        ),
    )  # fmt: skip


def assessment_return(
    *, actor: User, assessment: Assessment, reason: str, expected_version: int
) -> Assessment:
    """审批退回: pending → review, by a leader of the region, with the reason (kept on the assessment and
    in the audit entry); the office is told why."""
    _require_other_approver(actor, assessment)
    reason = _reason(reason)
    return _move(
        actor, assessment, expected_version, Assessment.State.REVIEW, "assessment.return", reason=reason,
        fields={"return_reason": reason},
        tell=lambda a: _tell(
            _office_of(a), a, "returned", f"考核结果被退回：{a.title}",
            f"{a.year}年度《{a.title}》考核结果被退回，理由：{reason}",
        ),
    )  # fmt: skip


def assessment_publish(*, actor: User, assessment: Assessment, expected_version: int) -> Assessment:
    """发布: totals, ranks and grades computed from the stored scores (the first ranks and grades it has),
    the snapshot frozen (with its SHA-256), the assessed units' liaisons told. Approved only."""
    require_office_admin_of(actor, assessment.region_id, **OFFICE_WORK)
    require_state(assessment, Assessment.State.APPROVED, doing="发布（须先经领导审批）", doing_en="published")
    now = timezone.now()
    with transaction.atomic():
        _lock(assessment, expected_version, Assessment.State.APPROVED, doing="发布", doing_en="published")
        maximum = rerank(assessment, ranked=True)
        data = snapshot_data(assessment, maximum=maximum)
        snap = Snapshot.objects.create(
            assessment=assessment, data=data, sha256=digest(data), seal=snapshot_seal(assessment.pk, data)
        )
        save_versioned(
            assessment, expected_version=expected_version, state=Assessment.State.PUBLISHED, published_at=now
        )
        audit_record(
            actor=actor, action="assessment.publish", obj=assessment,
            before={"state": Assessment.State.APPROVED},
            after={"state": assessment.state, "published_at": now, "snapshot_sha256": snap.sha256},
        )  # fmt: skip
        _tell_units(assessment)
    return assessment


def _tell_units(assessment: Assessment) -> None:
    people = people_of_units(assessment.units.values_list("unit_id", flat=True), roles=(Role.LIAISON,))
    link = reverse("assessment_detail", args=[assessment.pk])
    for user in sorted({u.pk: u for users in people.values() for u in users}.values(), key=lambda u: u.pk):
        notify(
            intent=ReminderIntent(
                recipient=user,
                kind=Notification.Kind.INFO,
                subject=f"考核结果已发布：{assessment.title}",
                body=f"{assessment.year}年度《{assessment.title}》考核结果已发布，请查阅本单位得分和排名。",
                link=link,
                about=assessment,
                dedup_key=f"assessment:{assessment.pk}:published:user:{user.pk}",
            )
        )
