"""Which inspections, findings and finding files a user may read. Out of scope → 404.

- The office side of a region (office admins, leaders, inspectors through a region grant covering it)
  reads every inspection of the region and every finding, covert ones included.
- Anyone else reads an inspection that names a unit they cover, unless it is covert and not yet published;
  and of its findings only those at the units they cover — a unit reads its own findings, never another's.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_scope_q
from taizhang.inspections.models import Finding, FindingFile, Inspection
from taizhang.ledger.selectors import assignment_list
from taizhang.plans.models import Task

_Units = Inspection.units.through


def revealed_q(prefix: str = "") -> Q:
    """The inspections units may learn of (revealed): not covert (暗访), or covert and published (通报).
    Before that a covert inspection and its findings are the office side's alone: the units it names do
    not see it, are not assessed on its findings and get no rectification item from it. As a filter on
    Inspection, or on a model reaching it through ``prefix`` (``inspection__``)."""
    return Q(**{f"{prefix}covert": False}) | Q(**{f"{prefix}state": Inspection.State.PUBLISHED})


def is_revealed(inspection: Inspection) -> bool:
    """``revealed_q`` for one inspection in hand."""
    return not inspection.covert or inspection.state == Inspection.State.PUBLISHED


def inspection_visible_q(user: User) -> Q:
    office_side = Q(region_id__in=region_ids_in_scope(user, *OFFICE_SIDE))
    names_mine = Exists(_Units.objects.filter(unit_scope_q(user), inspection_id=OuterRef("pk")))
    return office_side | (Q(names_mine) & revealed_q())


def finding_visible_q(user: User, *, prefix: str = "") -> Q:
    """As a filter on Finding, or on a model reaching it through ``prefix`` (``finding__``)."""
    office_side = Q(**{f"{prefix}inspection__region_id__in": region_ids_in_scope(user, *OFFICE_SIDE)})
    mine = unit_scope_q(user, unit=f"{prefix}unit") & revealed_q(f"{prefix}inspection__")
    return office_side | mine


def may_manage(user: User, inspection: Inspection) -> bool:
    """Whether to offer the office's buttons (the services decide again)."""
    return inspection.region_id in region_ids_in_scope(user, Role.OFFICE_ADMIN)


def inspection_list(*, user: User, year: int | None = None, state: str | None = None) -> QuerySet[Inspection]:
    """Inspections the user may read, newest first, with the region, the leader's account, the units (one
    query for all) and ``finding_count``: the findings this user may read."""
    findings = (
        Finding.objects.filter(finding_visible_q(user), inspection_id=OuterRef("pk"))
        .order_by()
        .values("inspection_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    inspections = Inspection.objects.filter(inspection_visible_q(user))
    if year is not None:
        inspections = inspections.filter(start_date__year=year)
    if state is not None:
        inspections = inspections.filter(state=state)
    return (
        inspections.select_related("region", "follows")
        .prefetch_related("units")
        .annotate(finding_count=Subquery(findings))
        .order_by("-start_date", "-pk")
    )


def inspection_get(*, user: User, pk: int) -> Inspection:
    try:
        return (
            Inspection.objects.filter(inspection_visible_q(user))
            .select_related("region", "follows")
            .get(pk=pk)
        )
    except Inspection.DoesNotExist:
        raise Http404 from None


def inspection_follows(*, user: User, inspection: Inspection) -> Inspection | None:
    """The earlier inspection a 再督查 re-checks, when the user may read it too (it may be a covert one
    not yet published)."""
    if inspection.follows_id is None:
        return None
    return Inspection.objects.filter(inspection_visible_q(user), pk=inspection.follows_id).first()


def inspection_tasks(*, user: User, inspection: Inspection) -> QuerySet[Task]:
    """The tasks the inspection checks that the user may read (as ``plans.selectors.plan_task_list``: every
    task of a plan whose region the user covers, else the tasks of the user's visible lines)."""
    lines = assignment_list(user=user).filter(task_id=OuterRef("pk"))
    readable = Q(plan__region_id__in=region_ids_in_scope(user)) | Q(Exists(lines))
    return inspection.tasks.filter(readable).select_related("plan").order_by("plan_id", "order")


def inspection_findings(*, user: User, inspection: Inspection) -> QuerySet[Finding]:
    """The inspection's findings the user may read, with their unit, task, regulation, evidence files and
    rectification items."""
    return (
        Finding.objects.filter(finding_visible_q(user), inspection=inspection)
        # meeting_decision: a finding decided by a 联系会议 (meetings.MeetingDecision) says so.
        .select_related("unit", "task", "regulation", "meeting_decision")
        .prefetch_related(
            Prefetch("evidence", queryset=FindingFile.objects.order_by("uploaded_at", "pk")), "rectifications"
        )
        .order_by("unit__order", "pk")
    )


def finding_get(*, user: User, pk: int) -> Finding:
    try:
        return (
            Finding.objects.filter(finding_visible_q(user))
            .select_related("inspection__region", "unit", "task", "regulation")
            .get(pk=pk)
        )
    except Finding.DoesNotExist:
        raise Http404 from None


def finding_evidence_get(*, user: User, pk: int) -> FindingFile:
    """A finding's file, for those who may read the finding; 404 for anyone else and for other files."""
    visible = Finding.objects.filter(finding_visible_q(user)).values("pk")
    try:
        return FindingFile.objects.get(pk=pk, finding__in=visible)
    except FindingFile.DoesNotExist:
        raise Http404 from None
