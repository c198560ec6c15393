"""重点制度: a unit names its key regulations for a year; the office sees, per year, which responsible units
have not named enough and whether each named regulation was inspected."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from taizhang.accounts.access import role_required
from taizhang.accounts.models import UNIT_ROLES
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.lib.ids import parse_int
from taizhang.lib.pageforms import REFUSALS, form_errors, refusal_answer
from taizhang.supervision.forms import KeyRegulationForm
from taizhang.supervision.keyregs import key_regulations, keyreg_overview, register_for
from taizhang.supervision.selectors import READERS
from taizhang.supervision.services import key_regulation_set
from taizhang.units.models import Unit


def _year(request: HttpRequest) -> int:
    raw = request.POST.get("year") or request.GET.get("year") or ""
    this_year = timezone.localdate().year
    return parse_int(raw, lo=2000, hi=this_year + 1) or this_year


def _unit(request: HttpRequest) -> tuple[Unit, list[Unit]]:
    """The unit the page is for: one of the user's own (``?unit=``), else the first."""
    units = list(
        Unit.objects.filter(pk__in=unit_ids_in_scope(request.user, *UNIT_ROLES)).order_by("order", "name")
    )
    wanted = request.POST.get("unit") or request.GET.get("unit")
    if wanted:
        units_by_id = {str(u.pk): u for u in units}
        if wanted not in units_by_id:
            raise Http404
        return units_by_id[wanted], units
    if not units:
        raise Http404
    return units[0], units


@role_required(*UNIT_ROLES)
@require_http_methods(["GET", "POST"])
def keyreg_edit(request: HttpRequest) -> HttpResponse:
    """The unit's key regulations of a year, and the form that names them (replacing the list)."""
    unit, units = _unit(request)
    year = _year(request)
    named = list(key_regulations(unit=unit, year=year))
    register = register_for(unit).order_by("title")
    initial = {"regulations": [k.regulation_id for k in named]}
    form = KeyRegulationForm(request.POST or None, register=register, initial=initial)
    status, error = 200, ""
    if request.method == "POST":
        if not form.is_valid():
            status, error = 422, form_errors(form)
        else:
            try:
                key_regulation_set(actor=request.user, unit=unit, year=year, regulations=form.chosen())
            except REFUSALS as exc:
                status, error = refusal_answer(exc)
            else:
                messages.success(request, _("重点制度已保存。"))
                return redirect(f"{redirect('keyreg_edit').url}?unit={unit.pk}&year={year}")
    context = {
        "unit": unit,
        "units": units,
        "year": year,
        "years": range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1),
        "named": named,
        "form": form,
        "error": error,
        "low": settings.TAIZHANG_KEY_REGULATIONS_MIN,
        "high": settings.TAIZHANG_KEY_REGULATIONS_MAX,
    }
    return render(request, "supervision/keyreg_edit.html", context, status=status)


@role_required(*READERS)
@require_GET
def keyreg_overview_view(request: HttpRequest) -> HttpResponse:
    """Per year: the responsible units of the user's regions, those short of the minimum first, each named
    regulation marked inspected or not."""
    year = _year(request)
    rows = keyreg_overview(user=request.user, year=year)
    short = [row for row in rows if not row.enough]
    context = {
        "year": year,
        "years": range(timezone.localdate().year + 1, timezone.localdate().year - 5, -1),
        "short": short,
        "rows": short + [row for row in rows if row.enough],
        "low": settings.TAIZHANG_KEY_REGULATIONS_MIN,
        "high": settings.TAIZHANG_KEY_REGULATIONS_MAX,
        "named": sum(len(row.named) for row in rows),
        "inspected": sum(1 for row in rows for item in row.named if item.inspected),
    }
    return render(request, "supervision/keyreg_overview.html", context)
