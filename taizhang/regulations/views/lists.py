"""制度库: the register the user reads, filtered by status, issuing unit and text, 50 a page, with counts by
status; and 定期清理, the regulations in force not reviewed within the set period, oldest first."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import Role
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.regulations.forms import RegFilterForm, register_regions
from taizhang.regulations.models import Regulation
from taizhang.regulations.selectors import regulation_list, regulation_visible_q, review_due

PAGE_SIZE = 50


def _counts(request: HttpRequest) -> list[tuple[str, int]]:
    rows = (
        Regulation.objects.filter(regulation_visible_q(request.user))
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
    )
    found = {row["status"]: row["n"] for row in rows}
    return [(label, found.get(value, 0)) for value, label in Regulation.Status.choices]


@role_required(*ANY_ROLE)
@require_GET
def regulation_list_view(request: HttpRequest) -> HttpResponse:
    form = RegFilterForm(request.GET or None, user=request.user)
    regulations = regulation_list(user=request.user, filters=form.filters())
    page = Paginator(regulations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "counts": _counts(request),
        "due_count": review_due(user=request.user, today=timezone.localdate()).count(),
        "may_register": bool(register_regions(request.user)),
        "may_import": bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN)),
    }
    return render(request, "regulations/regulation_list.html", context)


@role_required(*ANY_ROLE)
@require_GET
def regulation_review(request: HttpRequest) -> HttpResponse:
    regulations = review_due(user=request.user, today=timezone.localdate())
    page = Paginator(regulations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "months": settings.TAIZHANG_REGULATION_REVIEW_MONTHS}
    return render(request, "regulations/regulation_review.html", context)
