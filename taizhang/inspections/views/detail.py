"""One inspection: what it covers, who leads it, the findings the user may read with their files, and the
office's next step (开始 → 结束 → 公开)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import Role
from taizhang.inspections.findings import RECORDING_STATES
from taizhang.inspections.forms import InspectionStepForm
from taizhang.inspections.models import Inspection
from taizhang.inspections.riskpoints import risk_point_visible_q
from taizhang.inspections.selectors import (
    inspection_findings,
    inspection_follows,
    inspection_get,
    inspection_tasks,
    is_revealed,
    may_manage,
)
from taizhang.inspections.services import inspection_finish, inspection_publish, inspection_start
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.pageforms import refusal_answer

State = Inspection.State
# The office's one next step from each state: (action, button label, service).
NEXT_STEP = {
    State.PLANNED: ("start", gettext_lazy("开始检查"), inspection_start),
    State.IN_PROGRESS: ("finish", gettext_lazy("结束检查"), inspection_finish),
    State.DONE: ("publish", gettext_lazy("公开（通报）"), inspection_publish),
}


def _page(
    request: HttpRequest, inspection: Inspection, *, error: str = "", status: int = 200
) -> HttpResponse:
    manage = may_manage(request.user, inspection)
    step = NEXT_STEP.get(State(inspection.state))
    context = {
        "inspection": inspection,
        "units": inspection.units.order_by("order", "pk"),
        "tasks": inspection_tasks(user=request.user, inspection=inspection),
        "follows": inspection_follows(user=request.user, inspection=inspection),
        "regulations": inspection.regulations.order_by("title"),
        "risk_points": inspection.risk_points.filter(risk_point_visible_q(request.user)).select_related(
            "unit"
        ),
        "findings": inspection_findings(user=request.user, inspection=inspection),
        "manage": manage,
        "next_step": step[:2] if manage and step else None,
        "may_record": manage and inspection.state in RECORDING_STATES,
        # Findings of a covert inspection go to the units for rectification once it is published.
        "revealed": is_revealed(inspection),
        "error": error,
    }
    return render(request, "inspections/inspection_detail.html", context, status=status)


@role_required(*ANY_ROLE)
@require_GET
def inspection_detail(request: HttpRequest, inspection_id: int) -> HttpResponse:
    return _page(request, inspection_get(user=request.user, pk=inspection_id))


@role_required(Role.OFFICE_ADMIN)
@require_POST
def inspection_step(request: HttpRequest, inspection_id: int) -> HttpResponse:
    """Take the inspection's next step from the version the office saw. A refused role is 403, a step the
    state does not allow 422, a stale page 409 — each with the page again."""
    inspection = inspection_get(user=request.user, pk=inspection_id)
    form = InspectionStepForm(request.POST)
    if not form.is_valid():
        return _page(request, inspection, error=_("请求无效，请刷新页面后重试。"), status=422)
    action, version = form.cleaned_data["action"], form.cleaned_data["expected_version"]
    service = {name: fn for name, _label, fn in NEXT_STEP.values()}[action]
    try:
        service(actor=request.user, inspection=inspection, expected_version=version)
    except (StaleEdit, ValidationError) as exc:
        status, error = refusal_answer(exc)
        return _page(request, inspection_get(user=request.user, pk=inspection_id), error=error, status=status)
    messages.success(request, _("检查状态已更新。"))
    return redirect("inspection_detail", inspection_id=inspection.pk)
