"""明查暗访 情况: per unit, the inspections held in a year against the yearly minimum."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.inspections.coverage import inspection_coverage as coverage_for
from taizhang.inspections.views.listing import year_param


@role_required(*ANY_ROLE)
@require_GET
def inspection_coverage(request: HttpRequest) -> HttpResponse:
    """The units the user covers (a unit its own row), counting only inspections the user may read."""
    this_year = timezone.localdate().year
    year = year_param(request, this_year)
    coverage = coverage_for(user=request.user, year=year)
    years = range(this_year, this_year - 6, -1)
    return render(request, "inspections/coverage.html", {"coverage": coverage, "years": years, "year": year})
