"""整改台账: the items the user may read — a unit its own, the office and leaders their region — filtered by
unit, plan, state and 逾期, 50 a page; and the same items as .xlsx."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import Role
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.lib.responses import xlsx_response
from taizhang.rectification.export import export_filename, write_items_xlsx
from taizhang.rectification.forms import RectFilterForm
from taizhang.rectification.models import RectState
from taizhang.rectification.rules import is_overdue, overdue_q
from taizhang.rectification.selectors import rectification_list

PAGE_SIZE = 50


def _filtered(request: HttpRequest):
    form = RectFilterForm(request.GET or None, user=request.user)
    today = timezone.localdate()
    return form, rectification_list(user=request.user, filters=form.filters(), today=today), today


@role_required(*ANY_ROLE)
@require_GET
def rectification_ledger(request: HttpRequest) -> HttpResponse:
    form, items, today = _filtered(request)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    for item in page.object_list:
        item.overdue = is_overdue(item, today=today)
    by_state = dict(items.order_by().values_list("state").annotate(n=Count("pk")))
    context = {
        "form": form,
        "page": page,
        "counts": [(label, by_state.get(value, 0)) for value, label in RectState.choices],
        "overdue_count": items.filter(overdue_q(today)).count(),
        "may_assign": bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN)),
        "may_read_lookbacks": bool(region_ids_in_scope(request.user, *OFFICE_SIDE)),
    }
    return render(request, "rectification/rectification_ledger.html", context)


@role_required(*ANY_ROLE)
@require_GET
def rectification_export(request: HttpRequest) -> HttpResponse:
    """The ledger's items under the same filters, every page, as the rectification .xlsx."""
    form, items, today = _filtered(request)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if filters.get("unit"):
        name = filters["unit"].name
    elif filters.get("plan"):
        name = filters["plan"].title
    elif not region_ids_in_scope(request.user) and request.user.unit:
        name = request.user.unit.name  # a unit's own ledger
    else:
        name = "全部"

    def write(out):
        write_items_xlsx(out, title=f"{name}整改台账", items=items, today=today)

    filename, ascii_name = export_filename(name, today)
    return xlsx_response(write, filename, ascii_name=ascii_name)
