"""回头看 pages: the office's batches (list and a new one drawn), a batch with a re-check form per entry, and
the relapse list (反弹清单: a unit its own, the office side its region's)."""

from __future__ import annotations

from datetime import timedelta

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.checks import OFFICE_SIDE, office_region
from taizhang.accounts.models import Role
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.lib.i18n import said
from taizhang.lib.pageforms import form_action, form_submit
from taizhang.rectification.forms import LookBackForm, RecheckForm
from taizhang.rectification.lookback import lookback_create, lookback_recheck
from taizhang.rectification.selectors import (
    lookback_entries,
    lookback_entry_get,
    lookback_get,
    lookback_list,
    may_run_lookback,
    relapse_list,
)

PAGE_SIZE = 50


@role_required(*OFFICE_SIDE)
@require_GET
def lookback_index(request: HttpRequest) -> HttpResponse:
    page = Paginator(lookback_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    may_create = bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN))
    return render(request, "rectification/lookback_list.html", {"page": page, "may_create": may_create})


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def lookback_new(request: HttpRequest) -> HttpResponse:
    region = office_region(request.user, refusal=said("只有惩防办可以组织回头看。", "Only the office may."))
    initial = {"closed_before": timezone.localdate() - timedelta(days=365), "title": _("回头看")}
    form = LookBackForm(request.POST or None, initial=initial)
    if request.method != "POST":
        return render(request, "rectification/lookback_form.html", {"form": form, "region": region})
    sent = form_submit(form, lambda data: lookback_create(actor=request.user, region=region, **data))
    if sent.done:
        return redirect("lookback_detail", lookback_id=sent.result.pk)
    context = {"form": form, "region": region}
    return render(request, "rectification/lookback_form.html", context, status=sent.status)


def _detail(request: HttpRequest, lookback, *, status: int = 200, **extra) -> HttpResponse:
    entries = list(lookback_entries(lookback))
    context = {
        "lookback": lookback,
        "entries": entries,
        "may_check": may_run_lookback(request.user, lookback),
        "today": timezone.localdate(),
        "held": sum(e.result == "held" for e in entries),
        "relapsed": sum(e.result == "relapsed" for e in entries),
        **extra,
    }
    return render(request, "rectification/lookback_detail.html", context, status=status)


@role_required(*OFFICE_SIDE)
@require_GET
def lookback_detail(request: HttpRequest, lookback_id: int) -> HttpResponse:
    return _detail(request, lookback_get(user=request.user, pk=lookback_id))


@role_required(Role.OFFICE_ADMIN)
@require_POST
def lookback_recheck_view(request: HttpRequest, lookback_entry_id: int) -> HttpResponse:
    entry = lookback_entry_get(user=request.user, pk=lookback_entry_id)

    def act(entry, data) -> str:
        lookback_recheck(actor=request.user, entry=entry, **data)
        return _("复查结果已记录。")

    def page(request, entry, *, status=200, **extra):
        return _detail(request, entry.lookback, status=status, failed=entry.pk, **extra)

    return form_action(
        request,
        load=lambda: lookback_entry_get(user=request.user, pk=entry.pk),
        form=RecheckForm(request.POST),
        form_name="recheck_form",
        act=act,
        page=page,
        back=lambda entry: redirect("lookback_detail", lookback_id=entry.lookback_id),
    )


@role_required(*ANY_ROLE)
@require_GET
def relapse_index(request: HttpRequest) -> HttpResponse:
    page = Paginator(relapse_list(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "rectification/relapse_list.html", {"page": page})
