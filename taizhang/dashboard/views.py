"""看板: where a plan stands, for leaders, the office and each unit (their own figures)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.dashboard.charts import chart_data
from taizhang.dashboard.forms import RollupForm
from taizhang.dashboard.rollup import rollup
from taizhang.dashboard.selectors import dashboard_default_plan, dashboard_plans, plan_dashboard
from taizhang.lib.markup import url_around
from taizhang.lib.replica import replica_reads
from taizhang.plans.selectors import plan_list

_SOME_ID = 2147483647


@role_required(*ANY_ROLE)
def dashboard(request: HttpRequest) -> HttpResponse:
    """The newest published plan's dashboard; without one in scope, the plans there are to choose from."""
    plan = dashboard_default_plan(user=request.user)
    if plan is not None:
        return redirect("dashboard", plan_id=plan.pk)
    return render(request, "dashboard/choose.html", {"plans": plan_list(user=request.user)})


@role_required(*ANY_ROLE)
@replica_reads()  # read-heavy, follows no write: may read the replica (lib.replica)
def plan_dashboard_page(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan, others = dashboard_plans(user=request.user, plan_id=plan_id)
    figures = plan_dashboard(user=request.user, plan=plan, today=timezone.localdate())
    before, after = url_around("task_detail", last=_SOME_ID)  # reversed once, not once an overdue line
    context = {
        "dashboard": figures,
        "charts": chart_data(figures),
        "overdue": [(line, f"{before}{line.task_id}{after}") for line in figures.overdue],
        "ledger_url": reverse("plan_ledger", kwargs={"plan_id": plan.pk}),
        "others": others,
    }
    return render(request, "dashboard/plan_dashboard.html", context)


@role_required(*OFFICE_SIDE)
@require_GET
@replica_reads()
def rollup_page(request: HttpRequest) -> HttpResponse:
    """汇总: the child regions of the user's region (or of ``?region=``) side by side for ``?year=``."""
    form = RollupForm(request.GET)
    today = timezone.localdate()
    years = range(today.year, today.year - 6, -1)
    if not form.is_valid():  # a hand-made address: say what is wrong, show nothing
        context = {"form": form, "rollup": None, "years": years}
        return render(request, "dashboard/rollup.html", context, status=400)
    year = form.cleaned_data["year"] or today.year
    figures = rollup(
        user=request.user,
        year=year,
        today=today,
        region_id=form.cleaned_data["region"],
        units=form.cleaned_data["units"],
    )
    return render(request, "dashboard/rollup.html", {"form": form, "rollup": figures, "years": years})
