"""工作台 and the navigation's counts."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from taizhang.accounts.access import ANY_ROLE, request_roles, role_required
from taizhang.accounts.models import UNIT_ROLES
from taizhang.lib.replica import replica_reads
from taizhang.workbench.todo import shown, todo_for, unit_plans


@role_required(*ANY_ROLE)
@require_safe
@replica_reads()  # reads only, follows no write
def workbench(request: HttpRequest) -> HttpResponse:
    """What waits for me, group by group, each item a link to where it is done; for a unit, its plans first,
    the newest on top."""
    todo = todo_for(request)
    unit = bool(request_roles(request) & set(UNIT_ROLES))
    context = {"todo": todo, "plans": unit_plans(user=request.user) if unit else []}
    return render(request, "workbench/workbench.html", context)


@role_required(*ANY_ROLE)
@require_safe
@replica_reads()
def workbench_badges(request: HttpRequest) -> HttpResponse:
    """The navigation's counts, fetched by htmx once a page has loaded (out-of-band swaps into the badge
    placeholders of base.html), so no page waits for them."""
    todo = todo_for(request, items=False)
    counts = {"workbench": todo.total, **todo.badges()}
    badges = [(name, shown(count)) for name, count in sorted(counts.items()) if count]
    return render(request, "workbench/_badges.html", {"badges": badges})
