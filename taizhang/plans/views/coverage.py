"""落实情况 (coverage) of an upper plan: region × section map, each task's covering regions, the 缺项 list,
and the same as .xlsx. For the office side of the plan's region or of a region below it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from taizhang.accounts.access import role_required
from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.lib.responses import xlsx_response
from taizhang.plans.coverage import coverage
from taizhang.plans.coverage_export import write_coverage_xlsx
from taizhang.plans.selectors import plan_get


@role_required(*OFFICE_SIDE)
@require_GET
def plan_coverage(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_get(user=request.user, pk=plan_id)
    cov = coverage(user=request.user, plan=plan, today=timezone.localdate())
    return render(request, "plans/plan_coverage.html", {"plan": plan, "cov": cov})


@role_required(*OFFICE_SIDE)
@require_GET
def plan_coverage_export(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_get(user=request.user, pk=plan_id)
    today = timezone.localdate()
    cov = coverage(user=request.user, plan=plan, today=today)
    filename = f"落实情况-{plan.pk}-{today:%Y%m%d}.xlsx"
    return xlsx_response(
        lambda out: write_coverage_xlsx(out, cov=cov, today=today),
        filename,
        ascii_name=f"coverage-{plan.pk}-{today:%Y%m%d}.xlsx",
    )
