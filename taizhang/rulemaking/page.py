"""What a regulation's page shows beside its own fields, each part read through the rules of the thing it
is: the versions and their files; the plan tasks that create or concern it (those the user may read); the
units naming it as a key regulation (their own, or the region's for the office side); the 立改废留 decisions
— their notes only to ``may_read_notes`` — with the triggering findings and items the user may read; and the
findings and rectification items that name it, through the inspections and rectification selectors, so a
unit never learns of another unit's problems, nor of a covert inspection not yet published."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_scope_q
from taizhang.inspections.models import Finding
from taizhang.inspections.selectors import finding_visible_q
from taizhang.ledger.selectors import assignment_list
from taizhang.plans.models import Plan, TaskRegulation
from taizhang.rectification.models import RectificationItem
from taizhang.rectification.selectors import rectification_list, rectification_visible_q
from taizhang.regulations.models import Regulation
from taizhang.rulemaking.models import RegulationDecision, RegulationVersion, RegulationVersionFile
from taizhang.rulemaking.selectors import may_read_notes
from taizhang.supervision.models import KeyRegulation

_RELEASED = (Plan.Status.PUBLISHED, Plan.Status.ARCHIVED)


@dataclass
class RegulationPage:
    versions: list[RegulationVersion]  # newest first, each with ``files``
    tasks: list[TaskRegulation]  # with task and plan
    key_uses: list[KeyRegulation]
    decisions: list[RegulationDecision]  # newest first, with ``seen_findings`` and ``seen_items``
    findings: list[Finding]
    items: list[RectificationItem]
    notes: bool  # whether the decisions' notes may be shown


def versions_of(regulation: Regulation) -> QuerySet[RegulationVersion]:
    files = Prefetch("evidence", queryset=RegulationVersionFile.objects.order_by("pk"), to_attr="files")
    return regulation.versions.select_related("created_by", "decision").prefetch_related(files)


def decisions_of(user: User, regulation: Regulation) -> QuerySet[RegulationDecision]:
    findings = Finding.objects.filter(finding_visible_q(user)).select_related("unit").order_by("pk")
    items = RectificationItem.objects.filter(rectification_visible_q(user)).select_related("unit")
    return regulation.decisions.select_related("decided_by").prefetch_related(
        Prefetch("findings", queryset=findings, to_attr="seen_findings"),
        Prefetch("rectifications", queryset=items.order_by("pk"), to_attr="seen_items"),
    )


def tasks_of(user: User, regulation: Regulation) -> QuerySet[TaskRegulation]:
    """The tasks naming the regulation that the user may read: of a plan of a region the user covers
    (released, or a draft for its office admins), or with a ledger line the user sees."""
    lines = assignment_list(user=user).filter(task_id=OuterRef("task_id"))
    by_region = Q(task__plan__region_id__in=region_ids_in_scope(user), task__plan__status__in=_RELEASED) | Q(
        task__plan__region_id__in=region_ids_in_scope(user, Role.OFFICE_ADMIN),
        task__plan__status=Plan.Status.DRAFT,
    )
    return (
        regulation.task_links.filter(by_region | Q(Exists(lines)))
        .select_related("task__plan")
        .order_by("-task__plan__period_start", "task__plan_id", "task__order")
    )


def regulation_page(*, user: User, regulation: Regulation) -> RegulationPage:
    """Everything hanging on ``regulation`` (already read through ``regulation_get``) that ``user`` may
    read."""
    key_uses = (
        KeyRegulation.objects.filter(unit_scope_q(user), regulation=regulation)
        .select_related("unit")
        .order_by("-year", "unit__order", "pk")
    )
    findings = (
        Finding.objects.filter(finding_visible_q(user), regulation=regulation)
        .select_related("inspection", "unit")
        .order_by("-found_on", "pk")
    )
    return RegulationPage(
        versions=list(versions_of(regulation)),
        tasks=list(tasks_of(user, regulation)),
        key_uses=list(key_uses),
        decisions=list(decisions_of(user, regulation)),
        findings=list(findings),
        items=list(rectification_list(user=user).filter(regulation=regulation)),
        notes=may_read_notes(user, regulation),
    )
