"""行政区划 (the region tree) for the system administrator: the regions of their region and below, a child
region added (province → city → district), a region renamed. The office admin reads the tree."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.administration.forms_units import RegionNameForm
from taizhang.administration.unit_selectors import managed_region_ids, region_for, region_tree
from taizhang.lib.pageforms import message_action
from taizhang.units.models import Region
from taizhang.units.services import region_create, region_rename

CHILD_LEVEL = {Region.Level.PROVINCE: Region.Level.CITY, Region.Level.CITY: Region.Level.DISTRICT}


@role_required(Role.SYSTEM_ADMIN, Role.OFFICE_ADMIN)
@require_GET
def region_tree_view(request: HttpRequest) -> HttpResponse:
    managed = managed_region_ids(request.user)
    rows = [
        (row, row.region.pk in managed, CHILD_LEVEL.get(row.region.level), "　" * row.depth)
        for row in region_tree(request.user)
    ]
    return render(request, "administration/units/region_tree.html", {"rows": rows})


@role_required(Role.SYSTEM_ADMIN)
@require_POST
def region_child_create(request: HttpRequest, region_id: int) -> HttpResponse:
    parent = region_for(request.user, region_id, manage=True)
    form = RegionNameForm(request.POST)
    back = redirect("region_tree")
    level = CHILD_LEVEL.get(parent.level)
    if level is None:
        messages.error(request, _("县（区）之下不再设行政区划。"))
        return back

    def act() -> str:
        region = region_create(name=form.cleaned_data["name"], level=level, parent=parent, actor=request.user)
        return _("已添加行政区划“%(name)s”。") % {"name": region.name}

    return message_action(request, act, back=back, form=form)


@role_required(Role.SYSTEM_ADMIN)
@require_POST
def region_rename_view(request: HttpRequest, region_id: int) -> HttpResponse:
    region = region_for(request.user, region_id, manage=True)
    form = RegionNameForm(request.POST)

    def act() -> str:
        region_rename(region=region, name=form.cleaned_data["name"], actor=request.user)
        return _("已更名为“%(name)s”。") % {"name": region.name}

    return message_action(request, act, back=redirect("region_tree"), form=form)
