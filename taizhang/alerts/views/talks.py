"""谈话提醒: the talks held with the units the user covers, and the office's form to record one — about a
warning (from its page, ``?alert=``) or a unit's work in general."""

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
from taizhang.alerts.forms import TalkForm
from taizhang.alerts.selectors import alert_get, talk_list
from taizhang.alerts.services import talk_record
from taizhang.lib.ids import parse_id
from taizhang.lib.pageforms import form_submit


@role_required(*ANY_ROLE)
@require_GET
def talk_list_view(request: HttpRequest) -> HttpResponse:
    page = Paginator(talk_list(user=request.user), 50).get_page(request.GET.get("page"))
    context = {"page": page, "may_record": bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN))}
    return render(request, "alerts/talk_list.html", context)


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def talk_create_view(request: HttpRequest) -> HttpResponse:
    initial = {"held_on": timezone.localdate()}
    if alert_id := request.GET.get("alert", "").strip():
        alert = alert_get(user=request.user, pk=pk) if (pk := parse_id(alert_id)) else None
        if alert is not None:
            initial |= {"alert": alert.pk, "unit": alert.unit_id}
    form = TalkForm(request.POST or None, initial=initial, user=request.user)
    if request.method != "POST":
        return render(request, "alerts/talk_form.html", {"form": form})
    sent = form_submit(form, lambda data: talk_record(actor=request.user, **data))
    if not sent.done:
        return render(request, "alerts/talk_form.html", {"form": form}, status=sent.status)
    messages.success(request, _("谈话提醒已记录。"))
    if sent.result.alert_id:
        return redirect("alert_detail", alert_id=sent.result.alert_id)
    return redirect("talk_list")
