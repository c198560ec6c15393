"""督办单 for the office: the list of its region's orders, the form that drafts (and issues) one, and the
steps on a whole order — 下发 and 办结."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.lib.pageforms import REFUSALS, form_errors, refusal_answer
from taizhang.plans.models import Plan, Task
from taizhang.plans.selectors import plan_list
from taizhang.supervision.forms import OrderForm, VersionForm
from taizhang.supervision.models import SupervisionOrder
from taizhang.supervision.selectors import READERS, order_get, order_list
from taizhang.supervision.services import order_close, order_create, order_issue
from taizhang.supervision.views.detail import detail_page
from taizhang.units.models import Unit
from taizhang.units.selectors import region_subtree_ids

ORDERS_PER_PAGE = 50


@role_required(*READERS)
@require_GET
def order_list_view(request: HttpRequest) -> HttpResponse:
    """督办单 of the regions the user reads, newest first, with each order's replies counted by state."""
    state = request.GET.get("state") or None
    if state not in SupervisionOrder.State.values:
        state = None
    page = Paginator(order_list(user=request.user, state=state), ORDERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "state": state or "",
        "states": SupervisionOrder.State.choices,
        "office": bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN)),
    }
    return render(request, "supervision/order_list.html", context)


def _choices(user: User) -> tuple:
    """Units of the region the order will belong to (the office's own unit's region) and below, and tasks
    of the published plans the office reads."""
    region_id = user.unit.region_id if user.unit_id else None
    covered = region_ids_in_scope(user, Role.OFFICE_ADMIN)
    regions = region_subtree_ids({region_id}) & covered if region_id in covered else set()
    units = Unit.objects.filter(region_id__in=sorted(regions), active=True).select_related("region")
    tasks = (
        Task.objects.filter(plan__in=plan_list(user=user).filter(status=Plan.Status.PUBLISHED))
        .select_related("plan")
        .order_by("plan_id", "order")
    )
    return units.order_by("region__name", "order", "name"), tasks


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def order_create_view(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: draft the order, and with ``action=issue`` issue it in the same transaction, so
    a refused issue leaves no draft behind."""
    units, tasks = _choices(request.user)
    form = OrderForm(request.POST or None, units=units, tasks=tasks)
    status, error = 200, ""
    if request.method == "POST":
        if not form.is_valid():
            status, error = 422, form_errors(form)
        else:
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    order = order_create(
                        actor=request.user,
                        title=data["title"],
                        requirement=data["requirement"],
                        deadline=data["deadline"],
                        priority=data["priority"],
                        topic=data["topic"],
                        tasks=list(data["tasks"]),
                        units=list(data["units"]),
                    )
                    if form.issues:
                        order_issue(actor=request.user, order=order, expected_version=order.version)
            except REFUSALS as exc:
                status, error = refusal_answer(exc)
            else:
                messages.success(request, _("督办单已下发。") if form.issues else _("草稿已保存。"))
                return redirect("order_detail", order_id=order.pk)
    return render(request, "supervision/order_form.html", {"form": form, "error": error}, status=status)


def _order_step(request: HttpRequest, order_id: int, step, note: str) -> HttpResponse:
    order = order_get(user=request.user, pk=order_id, for_office=True)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return detail_page(request, order, order_error=form_errors(form), status=422)
    try:
        step(actor=request.user, order=order, expected_version=form.cleaned_data["expected_version"])
    except REFUSALS as exc:
        status, message = refusal_answer(exc)
        return detail_page(
            request, order_get(user=request.user, pk=order_id), order_error=message, status=status
        )
    messages.success(request, note)
    return redirect("order_detail", order_id=order.pk)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def order_issue_view(request: HttpRequest, order_id: int) -> HttpResponse:
    return _order_step(request, order_id, order_issue, _("督办单已下发。"))


@role_required(Role.OFFICE_ADMIN)
@require_POST
def order_close_view(request: HttpRequest, order_id: int) -> HttpResponse:
    return _order_step(request, order_id, order_close, _("督办单已办结。"))
