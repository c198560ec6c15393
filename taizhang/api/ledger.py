"""``/assignments``: ledger lines (责任分工) in the caller's scope."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from taizhang.api.errors import COMMON_ERRORS
from taizhang.api.pagination import page
from taizhang.api.schemas import AssignmentFilters, AssignmentOut, AssignmentPage
from taizhang.ledger.selectors import assignment_get, assignment_list

router = Router(tags=["assignments 责任分工"])


@router.get("/assignments", response={200: AssignmentPage, **COMMON_ERRORS})
def list_assignments(request: HttpRequest, filters: Query[AssignmentFilters]):
    """台账 / Ledger lines in the caller's scope, filtered by plan, unit and role."""
    lines = assignment_list(user=request.auth)
    if filters.plan is not None:
        lines = lines.filter(task__plan_id=filters.plan)
    if filters.unit is not None:
        lines = lines.filter(unit_id=filters.unit)
    if filters.role is not None:
        lines = lines.filter(role=filters.role)
    return page(lines, filters)


@router.get("/assignments/{assignment_id}", response={200: AssignmentOut, **COMMON_ERRORS})
def get_assignment(request: HttpRequest, assignment_id: int):
    """责任分工 / One ledger line; 404 when it is out of scope."""
    return assignment_get(user=request.auth, pk=assignment_id)
