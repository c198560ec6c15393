"""Which progress reports and evidence files a user may read or edit. Out of scope → 404; visible but
read-only → 403.

A report is visible with its ledger line (``ledger.selectors.assignment_visible_q``: own unit; the lead
unit sees its cooperating units' lines for the tasks it leads; leaders, inspectors and the office their
region), except that a draft never sent is seen by its own unit only: the office reviews what units send,
not what they are still writing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import roles_held, unit_ids_in_scope, unit_scope_q
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_visible_q
from taizhang.lib.i18n import said
from taizhang.reports.models import EDITABLE_STATES, Chase, ProgressReport, ReportFile, ReviewState


def report_visible_q(user: User) -> Q:
    """The reports ``user`` may read, as a filter on ProgressReport: those of the lines they may read,
    drafts only for the line's own unit."""
    own_unit = unit_scope_q(user, *UNIT_ROLES, unit="assignment__unit")
    return assignment_visible_q(user, prefix="assignment__") & (own_unit | ~Q(review_state=ReviewState.DRAFT))


def _with_line(reports: QuerySet[ProgressReport]) -> QuerySet[ProgressReport]:
    return reports.select_related("assignment__task__plan", "assignment__unit").annotate(
        evidence_count=Count("evidence")
    )


def report_list(
    *,
    user: User,
    assignment_id: int | None = None,
    plan_id: int | None = None,
    review_state: str | None = None,
) -> QuerySet[ProgressReport]:
    """Reports the user may read, newest period first, each with its line, unit, task and plan joined and
    ``evidence_count`` annotated. The filters narrow; they never widen what the user may see."""
    reports = ProgressReport.objects.filter(report_visible_q(user))
    if assignment_id is not None:
        reports = reports.filter(assignment_id=assignment_id)
    if plan_id is not None:
        reports = reports.filter(assignment__task__plan_id=plan_id)
    if review_state is not None:
        reports = reports.filter(review_state=review_state)
    return _with_line(reports).order_by("-period_start", "assignment__task__order", "assignment__unit__order")


def report_get(*, user: User, pk: int, for_edit: bool = False) -> ProgressReport:
    """One report. ``for_edit``: only the unit's liaison, and only while it is a draft or returned
    (a submitted report is locked until it is returned) — otherwise 403."""
    try:
        report = report_list(user=user).get(pk=pk)
    except ProgressReport.DoesNotExist:
        raise Http404 from None
    if for_edit:
        if report.assignment.unit_id not in unit_ids_in_scope(user, Role.LIAISON):
            raise PermissionDenied(
                said("只有本单位联络员可以修改报送。", "Only the unit's liaison may edit reports.")
            )
        if report.review_state not in EDITABLE_STATES:
            raise PermissionDenied(
                said("报送已提交，退回前不能修改。", "The report is locked until it is returned.")
            )
    return report


def _waiting_q(user: User) -> Q:
    """A unit head's queue is read from the unit's lines (a few hundred, each probed in the report table's
    (line, state) index); the office's from the state's index in period order, each report's line checked
    against the region — the one order a page of 100,000 approved reports can stop early in."""
    head_lines = Assignment.objects.filter(unit_scope_q(user, Role.UNIT_HEAD)).values("pk")
    return Q(assignment_id__in=head_lines, review_state=ReviewState.SUBMITTED) | (
        unit_scope_q(user, Role.OFFICE_ADMIN, unit="assignment__unit") & Q(review_state=ReviewState.APPROVED)
    )


_WAITS_FOR = ((Role.UNIT_HEAD, ReviewState.SUBMITTED), (Role.OFFICE_ADMIN, ReviewState.APPROVED))


def waiting_states(user: User) -> list[str]:
    """The review states that wait for ``user``: 已报送 for a unit head, 单位已审核 for the office."""
    held = roles_held(user)
    return [str(state) for role, state in _WAITS_FOR if str(role) in held]


def review_queue(*, user: User) -> QuerySet[ProgressReport]:
    """What waits for this user's decision: for a unit head, their unit's submitted reports; for an office
    admin, the approved reports of the units in their region. Oldest period first; each with its line,
    task, plan and unit joined (``queue.make_ready`` adds what a row of the page shows)."""
    reports = ProgressReport.objects.filter(report_visible_q(user)).filter(_waiting_q(user))
    return reports.select_related("assignment__task__plan", "assignment__unit").order_by(
        "period_start", "updated_at", "pk"
    )


def evidence_get(*, user: User, pk: int) -> ReportFile:
    """An evidence file whose report the user may read; 404 for anyone else."""
    try:
        visible = ProgressReport.objects.filter(report_visible_q(user)).values("pk")
        return ReportFile.objects.select_related("report").get(pk=pk, report__in=visible)
    except ReportFile.DoesNotExist:
        raise Http404 from None


def line_chases(*, user: User, assignment_id: int) -> QuerySet[Chase]:
    """The office's chases (催办) of a line, newest first: seen by whoever sees the line
    (``ledger.selectors.assignment_get`` has checked that; this only reads what it found)."""
    return Chase.objects.filter(assignment_id=assignment_id).select_related("actor")


def chase_counts(assignment_ids) -> dict[int, int]:
    """Line id → how many times the office chased it, for lines the caller has already selected."""
    rows = (
        Chase.objects.filter(assignment_id__in=list(assignment_ids))
        .values("assignment_id")
        .annotate(n=Count("id"))
    )
    return {row["assignment_id"]: row["n"] for row in rows}
