"""``/plans``: the plans in the caller's scope and their tasks."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from taizhang.api.errors import COMMON_ERRORS
from taizhang.api.pagination import page
from taizhang.api.schemas import PageQuery, PlanOut, PlanPage, TaskPage
from taizhang.plans.selectors import plan_get, plan_list, plan_task_list

router = Router(tags=["plans 方案"])


@router.get("/plans", response={200: PlanPage, **COMMON_ERRORS})
def list_plans(request: HttpRequest, query: Query[PageQuery]):
    """方案列表 / Plans in the caller's scope."""
    return page(plan_list(user=request.auth), query)


@router.get("/plans/{plan_id}", response={200: PlanOut, **COMMON_ERRORS})
def get_plan(request: HttpRequest, plan_id: int):
    """方案 / One plan; 404 when it is out of scope."""
    return plan_get(user=request.auth, pk=plan_id)


@router.get("/plans/{plan_id}/tasks", response={200: TaskPage, **COMMON_ERRORS})
def list_plan_tasks(request: HttpRequest, plan_id: int, query: Query[PageQuery]):
    """方案任务 / The plan's tasks visible to the caller, each with its ledger lines visible to the caller."""
    plan = plan_get(user=request.auth, pk=plan_id)
    return page(plan_task_list(user=request.auth, plan=plan), query)
