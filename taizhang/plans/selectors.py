"""Which plans, and which of their tasks, a user may read. Out of scope → 404.

A plan is in scope when the user covers its region (a region grant, that region or above it), or when one of
its ledger lines is visible to the user (``ledger.selectors.assignment_list``: a liaison sees the plans their
unit has a part in). Drafts are seen only by the office admins preparing them, as their lines are.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_list
from taizhang.plans.models import Plan, Task

_RELEASED = (Plan.Status.PUBLISHED, Plan.Status.ARCHIVED, Plan.Status.WITHDRAWN)


def _by_region_q(user: User) -> Q:
    """Plans in scope through the regions the user covers: released plans of those regions, drafts of the
    regions they are the office admin of. ``_by_region`` is the same rule on one plan in Python."""
    return Q(region_id__in=region_ids_in_scope(user), status__in=_RELEASED) | Q(
        region_id__in=region_ids_in_scope(user, Role.OFFICE_ADMIN), status=Plan.Status.DRAFT
    )


def _by_region(user: User, plan: Plan) -> bool:
    """``_by_region_q`` on one plan read already (the test holds the two together)."""
    if plan.status == Plan.Status.DRAFT:
        return plan.region_id in region_ids_in_scope(user, Role.OFFICE_ADMIN)
    return plan.status in _RELEASED and plan.region_id in region_ids_in_scope(user)


def plan_list(*, user: User) -> QuerySet[Plan]:
    lines = assignment_list(user=user).filter(task__plan_id=OuterRef("pk"))
    return (
        Plan.objects.filter(_by_region_q(user) | Q(Exists(lines)))
        .select_related("region")
        .order_by("-period_start", "title", "pk")
    )


def plan_get(*, user: User, pk: int) -> Plan:
    """The plan if it is in ``plan_list``, else 404. Most readers of a plan's pages (its office, leaders,
    inspectors) cover its region: that is decided on the plan itself, and only a plan they do not cover
    asks the database whether one of its lines is visible (compiling the line scope's ``Exists`` cost
    ~3 ms of CPU on every plan ledger and dashboard page)."""
    plan = Plan.objects.select_related("region").filter(pk=pk).first()
    if plan is not None and _by_region(user, plan):
        return plan
    if plan is None or not plan_list(user=user).filter(pk=pk).exists():
        raise Http404
    return plan


def plan_task_list(*, user: User, plan: Plan) -> QuerySet[Task]:
    """Tasks of ``plan`` (already checked with ``plan_get``) the user may read, in document order, each with
    ``visible_assignments``: its ledger lines visible to the user. A user who covers the plan's region reads
    every task; anyone else reads the tasks their visible lines belong to."""
    lines = assignment_list(user=user).filter(task__plan=plan)
    tasks = Task.objects.filter(plan=plan)
    if plan.region_id not in region_ids_in_scope(user):
        tasks = tasks.filter(Exists(lines.filter(task_id=OuterRef("pk"))))
    return tasks.order_by("order").prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(pk__in=lines.values("pk"))
            .select_related("unit")
            .order_by("unit__order", "unit_id"),
            to_attr="visible_assignments",
        )
    )
