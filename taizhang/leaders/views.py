"""Pages of 联系领导: the office's list of its leaders with their links and the year's inspections led
against their quota; a leader's own 我的联系点; the office sets a leader's links."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from taizhang.accounts.access import role_required
from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import Role
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.leaders.forms import LeaderLinkForm
from taizhang.leaders.selectors import (
    DEFAULT_QUOTA,
    leader_for_office,
    leader_inspections,
    leader_link_of,
    leader_overview,
    leader_own,
)
from taizhang.leaders.services import leader_link_set
from taizhang.lib.ids import parse_int
from taizhang.lib.pageforms import form_submit


def _year(request: HttpRequest) -> int:
    this_year = timezone.localdate().year
    return parse_int(request.GET.get("year", ""), lo=2000, hi=this_year + 1) or this_year


@role_required(*OFFICE_SIDE)
@require_GET
def leader_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    rows = leader_overview(user=request.user, year=year)
    # Who may follow an edit link: the office admins of the leader's region (the view checks again).
    editable = region_ids_in_scope(request.user, Role.OFFICE_ADMIN)
    context = {"rows": rows, "year": year, "editable": editable}
    return render(request, "leaders/leader_list.html", context)


@role_required(Role.LEADER)
@require_GET
def leader_mine(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    row = leader_own(user=request.user, year=year)
    inspections = leader_inspections(leader=request.user, year=year)
    return render(request, "leaders/leader_mine.html", {"row": row, "year": year, "inspections": inspections})


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def leader_link_edit(request: HttpRequest, leader_id: int) -> HttpResponse:
    leader, region = leader_for_office(user=request.user, pk=leader_id)
    link = leader_link_of(leader)
    initial = {"yearly_quota": link.yearly_quota if link else DEFAULT_QUOTA}
    if link:
        initial |= {"regulations": list(link.regulations.all()), "units": list(link.units.all())}
    form = LeaderLinkForm(request.POST or None, region=region, initial=initial)
    status = 200
    if request.method == "POST":
        sent = form_submit(
            form,
            lambda data: leader_link_set(
                actor=request.user,
                leader=leader,
                region=region,
                regulations=data["regulations"],
                units=data["units"],
                yearly_quota=data["yearly_quota"],
            ),
        )
        if sent.done:
            messages.success(request, _("联系点已保存。"))
            return redirect("leader_list")
        status = sent.status
    context = {"form": form, "leader": leader, "region": region}
    return render(request, "leaders/leader_link_form.html", context, status=status)
