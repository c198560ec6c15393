"""督办检查 list (what the user may read, by year and state) and 计划检查 (the office plans one)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import Role
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.inspections.forms import InspectionForm
from taizhang.inspections.models import Inspection
from taizhang.inspections.selectors import inspection_list as visible_inspections
from taizhang.inspections.services import inspection_plan
from taizhang.lib.ids import parse_int
from taizhang.lib.pageforms import form_submit

PAGE_SIZE = 50


def year_param(request: HttpRequest, default: int | None = None) -> int | None:
    """``?year=`` as a year, or ``default`` when absent or not a plausible year."""
    raw = request.GET.get("year", "")
    return parse_int(raw, lo=2000, hi=2100) or default


@role_required(*ANY_ROLE)
@require_GET
def inspection_list(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    state = request.GET.get("state") if request.GET.get("state") in Inspection.State.values else None
    rows = visible_inspections(user=request.user, year=year, state=state)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "year": year,
        "state": state,
        "states": Inspection.State.choices,
        "may_plan": bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN)),
        "this_year": timezone.localdate().year,
    }
    return render(request, "inspections/inspection_list.html", context)


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def inspection_create(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        form = InspectionForm(user=request.user, initial={"start_date": timezone.localdate()})
        return render(request, "inspections/inspection_form.html", {"form": form})
    form = InspectionForm(request.POST, user=request.user)

    def plan(data: dict):
        return inspection_plan(
            actor=request.user,
            kind=data["kind"],
            title=data["title"],
            region=data["region"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            units=data["units"],
            tasks=data["tasks"],
            regulations=data["regulations"],
            lead_leader_name=data["lead_leader_name"],
            lead_leader=data["lead_leader"],
            covert=data["covert"],
            follows=data["follows"],
            reinspection=data["reinspection"],
            risk_points=data["risk_points"],
        )

    sent = form_submit(form, plan)
    if sent.done:
        messages.success(request, _("检查已列入计划。"))
        return redirect("inspection_detail", inspection_id=sent.result.pk)
    return render(request, "inspections/inspection_form.html", {"form": form}, status=sent.status)
