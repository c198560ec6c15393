"""单位管理: the unit registry (search by name, short name or alias; filters by region, kind and state; 50 a
page), a new unit, and a unit's page with its aliases, people and ledger lines counted and its actions
(rename, kind, deactivate or reactivate, aliases, merge; ``units_actions``). The system administrator writes;
the office admin reads."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.administration.forms_units import (
    AliasAddForm,
    UnitCreateForm,
    UnitFilterForm,
    UnitKindForm,
    UnitMergeForm,
    UnitRenameForm,
)
from taizhang.administration.unit_selectors import (
    managed_region_ids,
    readable_region_ids,
    unit_for,
    unit_registry,
)
from taizhang.lib.pageforms import form_submit
from taizhang.units.models import Unit
from taizhang.units.services import unit_create

PAGE_SIZE = 50


@role_required(Role.SYSTEM_ADMIN, Role.OFFICE_ADMIN)
@require_GET
def unit_registry_view(request: HttpRequest) -> HttpResponse:
    form = UnitFilterForm(request.GET or None, region_ids=readable_region_ids(request.user))
    units = unit_registry(request.user, **form.filters())
    page = Paginator(units, PAGE_SIZE).get_page(request.GET.get("page"))
    may_manage = bool(managed_region_ids(request.user))
    return render(
        request, "administration/units/unit_list.html", {"form": form, "page": page, "may_manage": may_manage}
    )


@role_required(Role.SYSTEM_ADMIN)
def unit_create_view(request: HttpRequest) -> HttpResponse:
    regions = managed_region_ids(request.user)
    form = UnitCreateForm(request.POST or None, region_ids=regions)
    status = 200
    if request.method == "POST":
        sent = form_submit(
            form,
            lambda d: unit_create(
                region=d["region"], name=d["name"], short_name=d["short_name"], kind=d["kind"],
                order=d["order"] or 0, actor=request.user,
            ),
        )  # fmt: skip
        if sent.done:
            return redirect("unit_manage", unit_id=sent.result.pk)
        status = sent.status
    return render(request, "administration/units/unit_create.html", {"form": form}, status=status)


def unit_page(
    request: HttpRequest, unit: Unit, *, status: int = 200, error: str = "", **forms
) -> HttpResponse:
    """A unit's page: its names, kind, state, aliases, and counts of its people and ledger lines; the action
    forms for whoever manages it (a refused one shown with its error)."""
    may_manage = unit.region_id in managed_region_ids(request.user)
    context = {
        "unit": unit,
        "aliases": unit.aliases.select_related("confirmed_by").order_by("alias"),
        "users_count": unit.users.count(),
        "active_users_count": unit.users.filter(is_active=True).count(),
        "lines_count": unit.assignments.count(),
        "may_manage": may_manage,
        "error": error,
    }
    if may_manage:
        context |= {
            "rename_form": forms.get("rename_form")
            or UnitRenameForm(initial={"name": unit.name, "short_name": unit.short_name}),
            "kind_form": forms.get("kind_form") or UnitKindForm(initial={"kind": unit.kind}),
            "alias_form": forms.get("alias_form") or AliasAddForm(),
            "merge_form": forms.get("merge_form") or UnitMergeForm(unit=unit),
        }
    return render(request, "administration/units/unit_detail.html", context, status=status)


@role_required(Role.SYSTEM_ADMIN, Role.OFFICE_ADMIN)
@require_GET
def unit_manage(request: HttpRequest, unit_id: int) -> HttpResponse:
    return unit_page(request, unit_for(request.user, unit_id))
