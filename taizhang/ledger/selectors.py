"""Which ledger lines a user may read or edit. Out of scope → 404; in scope but read-only → 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.ledger.models import Assignment
from taizhang.plans.models import Plan

# Roles that edit a unit's ledger lines; everyone else in scope reads them.
EDITOR_ROLES = (Role.LIAISON, Role.UNIT_HEAD, Role.OFFICE_ADMIN)


def assignment_list(*, user: User) -> QuerySet[Assignment]:
    """Lines of units in the user's scope. Lines of a draft plan are visible only to the office admins
    preparing it."""
    visible = Q(
        unit_id__in=unit_ids_in_scope(user),
        task__plan__status__in=[
            Plan.Status.PUBLISHED,
            Plan.Status.ARCHIVED,
        ],
    )
    drafting = Q(unit_id__in=unit_ids_in_scope(user, Role.OFFICE_ADMIN), task__plan__status=Plan.Status.DRAFT)
    return (
        Assignment.objects.filter(visible | drafting)
        .select_related("task__plan", "task__section", "unit")
        .order_by("task__plan_id", "task__order", "unit__order", "unit_id")
    )


def assignment_get(*, user: User, pk: int, for_edit: bool = False) -> Assignment:
    try:
        assignment = assignment_list(user=user).get(pk=pk)
    except Assignment.DoesNotExist:
        raise Http404 from None
    if for_edit and (
        assignment.task.plan.status == Plan.Status.ARCHIVED
        or assignment.unit_id not in unit_ids_in_scope(user, *EDITOR_ROLES)
    ):
        raise PermissionDenied
    return assignment
