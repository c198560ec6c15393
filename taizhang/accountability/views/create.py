"""立案 and the 再问责 list: the office opens a case against a unit on its grounds; from a warning
(``?alert=``) the unit and the warning are filled in, from the 再问责 list also the 再问责 mark."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from taizhang.accountability.forms import CaseForm
from taizhang.accountability.selectors import reaccountability_due
from taizhang.accountability.services import case_open
from taizhang.accounts.access import role_required
from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import Role
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.alerts.selectors import alert_get
from taizhang.lib.ids import parse_id
from taizhang.lib.pageforms import form_submit


def _prefill(request: HttpRequest) -> dict:
    """What ``?alert=`` (its unit, the warning itself, a title) and ``?unit=`` fill in."""
    initial: dict = {"opened_on": timezone.localdate(), "reaccountability": request.GET.get("re") == "1"}
    if alert_id := parse_id(request.GET.get("alert")):
        alert = alert_get(user=request.user, pk=alert_id)
        initial |= {
            "unit": alert.unit_id,
            "alerts": [alert.pk],
            "title": f"{alert.unit.name}{alert.summary}"[:200],
        }
    elif unit_id := parse_id(request.GET.get("unit")):
        initial["unit"] = unit_id
    return initial


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def case_create_view(request: HttpRequest) -> HttpResponse:
    initial = _prefill(request)
    unit_id = parse_id(request.POST.get("unit")) if request.method == "POST" else initial.get("unit")
    form = CaseForm(request.POST or None, initial=initial, user=request.user, unit_id=unit_id)
    context = {"form": form, "unit_id": unit_id}
    if request.method != "POST":
        return render(request, "accountability/case_form.html", context)
    sent = form_submit(
        form,
        lambda data: case_open(
            actor=request.user, **{**data, "alerts": list(data["alerts"]), "findings": list(data["findings"])}
        ),
    )
    if sent.done:
        messages.success(request, _("问责案件已立案。"))
        return redirect("case_detail", case_id=sent.result.pk)
    return render(request, "accountability/case_form.html", context, status=sent.status)


@role_required(*OFFICE_SIDE)
@require_GET
def reaccountability_list(request: HttpRequest) -> HttpResponse:
    """再问责: warnings that made a case due under the rules with no case opened."""
    today = timezone.localdate()
    page = Paginator(reaccountability_due(user=request.user, today=today), 50).get_page(
        request.GET.get("page")
    )
    for alert in page.object_list:
        alert.days_open = (today - timezone.localdate(alert.raised_at)).days
    context = {
        "page": page,
        "due_days": settings.TAIZHANG_ACCOUNTABILITY_DUE_DAYS,
        "may_open": bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN)),
    }
    return render(request, "accountability/reaccountability_list.html", context)
