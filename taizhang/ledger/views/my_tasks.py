"""我的任务 and its .xlsx: the ledger lines of the unit the user acts for as liaison or unit head."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from taizhang.accounts.access import role_required
from taizhang.accounts.models import UNIT_ROLES
from taizhang.ledger.export import export_filename, write_lines_xlsx
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import editable_assignment_ids, own_unit_lines, section_paths
from taizhang.ledger.views.common import displayed
from taizhang.lib.responses import xlsx_response
from taizhang.plans.models import Plan

# A busy unit (纪委监委) has several hundred lines across a province's plans; the export has them all.
LINES_PER_PAGE = 50


@dataclass(slots=True)
class PlanGroup:
    """The lines of one plan on this page; ``total`` counts them on every page."""

    plan: Plan
    total: int
    lines: list[Assignment]


@role_required(*UNIT_ROLES)
def my_tasks(request: HttpRequest) -> HttpResponse:
    """The unit's own share, grouped by plan, each line with its light and latest report, 50 lines a page.

    ``assignment_list`` also shows a lead unit its cooperating units' lines, and a user who is also an
    inspector a whole region; this page is the unit's own share only (``own_unit_lines``). Lines are
    numbered within their plan across pages, and each plan's caption counts all its lines."""
    lines = own_unit_lines(user=request.user)
    page = Paginator(lines, LINES_PER_PAGE).get_page(request.GET.get("page"))
    shown = displayed(page.object_list, today=timezone.localdate(), badges_only=True)
    context = {
        "lines": shown,
        "page": page,
        "plans": _by_plan(lines, shown, first=page.start_index()),
        "editable": editable_assignment_ids(user=request.user, lines=shown),
    }
    return render(request, "ledger/my_tasks.html", context)


def _by_plan(lines, shown: list[Assignment], *, first: int) -> list[PlanGroup]:
    """The page's lines by plan, each numbered (``number``) within its plan: ``first`` is the page's first
    line's place in the whole list, which is ordered by plan first."""
    totals = dict(lines.order_by("task__plan_id").values_list("task__plan_id").annotate(n=Count("pk")))
    before, starts = 0, {}
    for plan_id in sorted(totals):
        starts[plan_id] = before
        before += totals[plan_id]
    groups: list[PlanGroup] = []
    for place, line in enumerate(shown, first):
        plan_id = line.task.plan_id
        if not groups or groups[-1].plan.pk != plan_id:
            groups.append(PlanGroup(line.task.plan, totals[plan_id], []))
        line.number = place - starts[plan_id]
        groups[-1].lines.append(line)
    return groups


@role_required(*UNIT_ROLES)
def my_tasks_export(request: HttpRequest) -> HttpResponse:
    """The same lines as 我的任务, every page, as the ledger .xlsx; each plan's title heads its sections."""
    today = timezone.localdate()
    lines = displayed(own_unit_lines(user=request.user), today=today)
    paths = section_paths(plan_ids={line.task.plan_id for line in lines})
    unit = request.user.unit
    name = unit.name if unit else "我的任务"

    def write(out):
        write_lines_xlsx(
            out,
            title=f"{name}任务台账",
            lines=lines,
            section_paths=paths,
            today=today,
            plan_heading=True,
            sheet="本单位任务",
        )

    filename, ascii_name = export_filename(name, today)
    return xlsx_response(write, filename, ascii_name=ascii_name)
