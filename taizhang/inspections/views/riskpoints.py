"""风险点 pages: a unit's register (its liaison or head registers, its head confirms or returns), and the
office's view of its region's risk points with those no inspection of the year has checked."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import UNIT_ROLES, Role
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.inspections.models import RiskPoint
from taizhang.inspections.riskpoints import (
    MAX_TEXT,
    risk_point_decide,
    risk_point_get,
    risk_point_overview,
    risk_point_register,
    uncovered_high,
    unit_risk_points,
)
from taizhang.lib.ids import parse_int
from taizhang.lib.pageforms import form_submit, message_action
from taizhang.units.models import Unit


class RiskPointForm(forms.Form):
    post = forms.CharField(label=gettext_lazy("岗位/环节"), max_length=100)
    description = forms.CharField(
        label=gettext_lazy("风险描述"), widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_TEXT
    )
    level = forms.ChoiceField(label=gettext_lazy("风险等级"), choices=RiskPoint.Level.choices)
    measures = forms.CharField(
        label=gettext_lazy("防控措施"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_TEXT,
        required=False,
    )


class RiskDecideForm(forms.Form):
    action = forms.ChoiceField(choices=[("approve", "approve"), ("return", "return")])
    reason = forms.CharField(required=False, max_length=MAX_TEXT)
    expected_version = forms.IntegerField(min_value=1)


def _unit(request: HttpRequest) -> tuple[Unit, list[Unit]]:
    """The unit the page is for: one of the user's own (``?unit=``), else the first."""
    units = list(
        Unit.objects.filter(pk__in=unit_ids_in_scope(request.user, *UNIT_ROLES)).order_by("order", "name")
    )
    wanted = request.GET.get("unit")
    chosen = (
        next((u for u in units if str(u.pk) == wanted), None) if wanted else (units[0] if units else None)
    )
    if chosen is None:
        raise Http404
    return chosen, units


def _back(unit: Unit) -> HttpResponse:
    return redirect(f"{redirect('risk_point_register').url}?unit={unit.pk}")


@role_required(*UNIT_ROLES)
@require_http_methods(["GET", "POST"])
def risk_point_register_view(request: HttpRequest) -> HttpResponse:
    """The unit's 风险点 register, and the form that registers one."""
    unit, units = _unit(request)
    form = RiskPointForm(request.POST or None)
    status = 200
    if request.method == "POST":
        sent = form_submit(form, lambda data: risk_point_register(actor=request.user, unit=unit, **data))
        if sent.done:
            messages.success(request, _("风险点已登记，待本单位负责人审核。"))
            return _back(unit)
        status = sent.status
    context = {
        "unit": unit,
        "units": units,
        "points": unit_risk_points(unit=unit),
        "form": form,
        "may_decide": unit.pk in unit_ids_in_scope(request.user, Role.UNIT_HEAD),
    }
    return render(request, "inspections/risk_point_register.html", context, status=status)


@role_required(Role.UNIT_HEAD)
@require_POST
def risk_point_decide_view(request: HttpRequest, risk_point_id: int) -> HttpResponse:
    point = risk_point_get(user=request.user, pk=risk_point_id)
    form = RiskDecideForm(request.POST)

    def act() -> str:
        data = form.cleaned_data
        approve = data["action"] == "approve"
        risk_point_decide(
            actor=request.user,
            point=point,
            approve=approve,
            reason=data["reason"],
            expected_version=data["expected_version"],
        )
        return _("风险点已确认。") if approve else _("风险点已退回。")

    return message_action(request, act, back=_back(point.unit), form=form)


@role_required(*OFFICE_SIDE)
@require_GET
def risk_point_overview_view(request: HttpRequest) -> HttpResponse:
    """The region's risk points, each covered or not by an inspection of the year; the uncovered high ones
    first, in their own list."""
    this_year = timezone.localdate().year
    year = parse_int(request.GET.get("year", ""), lo=2000, hi=this_year + 1) or this_year
    rows = risk_point_overview(user=request.user, year=year)
    context = {"rows": rows, "uncovered": uncovered_high(rows), "year": year}
    return render(request, "inspections/risk_point_overview.html", context)
