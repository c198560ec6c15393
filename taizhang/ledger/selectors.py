"""Which ledger lines a user may read or edit. Out of scope → 404; in scope but read-only → 403.

A user sees the lines of the units their grants cover (their own unit; a region for leaders, inspectors and
the office) and, when their unit leads a task (牵头), every line of that task, so the lead unit sees what
its cooperating units (配合) wrote. Only the line's own unit (liaison, unit head) and the office edit it.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Case, OuterRef, Q, QuerySet, Subquery, Value, When
from django.http import Http404
from django.utils import timezone

from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.ledger.models import Assignment
from taizhang.ledger.rules import Light, traffic_light
from taizhang.plans.models import Plan, Task
from taizhang.reports.models import ProgressReport, ReviewState

# Roles that edit a unit's ledger lines; everyone else in scope reads them.
EDITOR_ROLES = (Role.LIAISON, Role.UNIT_HEAD, Role.OFFICE_ADMIN)
_LIVE = (Plan.Status.PUBLISHED, Plan.Status.ARCHIVED)


def assignment_visible_q(user: User, *, prefix: str = "") -> Q:
    """The lines ``user`` may read, as a filter on Assignment (or, with ``prefix="assignment__"``, on a
    model pointing at one). Lines of a draft plan are visible only to the office admins preparing it."""
    led_tasks = Assignment.objects.filter(
        unit_id__in=unit_ids_in_scope(user, *UNIT_ROLES), role=Assignment.Role.LEAD
    ).values("task_id")
    live = Q(**{f"{prefix}task__plan__status__in": _LIVE})
    drafting = Q(
        **{
            f"{prefix}unit_id__in": unit_ids_in_scope(user, Role.OFFICE_ADMIN),
            f"{prefix}task__plan__status": Plan.Status.DRAFT,
        }
    )
    in_scope = Q(**{f"{prefix}unit_id__in": unit_ids_in_scope(user)}) | Q(
        **{f"{prefix}task_id__in": led_tasks}
    )
    return (live & in_scope) | drafting


def assignment_list(*, user: User) -> QuerySet[Assignment]:
    """Lines the user may read, each with its milestones prefetched and ``latest_accepted_status`` (the
    status of its latest accepted report) annotated, so ``assignment_light`` needs no further query."""
    latest_accepted = ProgressReport.objects.filter(
        assignment=OuterRef("pk"), review_state=ReviewState.ACCEPTED
    ).order_by("-period_start")
    return (
        Assignment.objects.filter(assignment_visible_q(user))
        .select_related("task__plan", "task__section", "unit")
        .prefetch_related("milestones")
        .annotate(latest_accepted_status=Subquery(latest_accepted.values("status")[:1]))
        .order_by("task__plan_id", "task__order", "unit__order", "unit_id")
    )


def may_edit_assignment(user: User, assignment: Assignment) -> bool:
    """The line's own unit (liaison, unit head) or an office admin covering it; never on an archived plan,
    and a draft plan's lines only by the office."""
    status = assignment.task.plan.status
    if status == Plan.Status.ARCHIVED:
        return False
    roles = (Role.OFFICE_ADMIN,) if status == Plan.Status.DRAFT else EDITOR_ROLES
    return assignment.unit_id in unit_ids_in_scope(user, *roles)


def assignment_get(*, user: User, pk: int, for_edit: bool = False) -> Assignment:
    try:
        assignment = assignment_list(user=user).get(pk=pk)
    except Assignment.DoesNotExist:
        raise Http404 from None
    if for_edit and not may_edit_assignment(user, assignment):
        raise PermissionDenied
    return assignment


def task_assignments_visible(*, user: User, task: Task) -> QuerySet[Assignment]:
    """The lines of ``task`` the user may read: for the lead unit, every unit's line (its cooperating
    units' decomposition); for a cooperating unit, its own; for the office and leaders, those in their
    region. 404 when the user sees no line of the task."""
    lead_first = Case(When(role=Assignment.Role.LEAD, then=Value(0)), default=Value(1))
    lines = assignment_list(user=user).filter(task=task).order_by(lead_first, "unit__order", "unit_id")
    if not lines.exists():
        raise Http404
    return lines


def assignment_light(assignment: Assignment, *, today: date | None = None) -> Light:
    """The line's traffic light today (or on ``today``), with ``TAIZHANG_WARNING_DAYS``. Uses what
    ``assignment_list`` prefetched and annotated; on a bare row it queries."""
    status = getattr(assignment, "latest_accepted_status", None)
    if not hasattr(assignment, "latest_accepted_status"):
        latest = (
            assignment.reports.filter(review_state=ReviewState.ACCEPTED).order_by("-period_start").first()
        )
        status = latest.status if latest else None
    return traffic_light(
        assignment,
        assignment.milestones.all(),
        today=today or timezone.localdate(),
        warning_days=settings.TAIZHANG_WARNING_DAYS,
        completed=status == ProgressReport.Status.DONE,
    )
