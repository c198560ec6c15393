"""方案台账 of one plan: every task with its units grouped by role, filtered, searched, paginated; and the
same lines as .xlsx. The table is a partial the filter form swaps in with htmx; without JS the form is a
plain GET and the page renders whole."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.ledger.export import export_filename, write_lines_xlsx
from taizhang.ledger.forms import LedgerFilterForm
from taizhang.ledger.selectors import ledger_tasks, ledger_units, plan_ledger_lines, section_paths
from taizhang.ledger.views.common import LineRow, displayed, displayed_rows
from taizhang.lib.replica import replica_reads
from taizhang.lib.responses import pdf_available, pdf_response, wants_partial, xlsx_response
from taizhang.plans.models import Plan, Task
from taizhang.plans.selectors import plan_get

TASKS_PER_PAGE = 50


@dataclass(slots=True)
class RoleGroup:
    role: str
    label: str  # translated
    lines: list[LineRow]


@dataclass(slots=True)
class TaskRow:
    task: Task
    section_path: list[str]
    groups: list[RoleGroup]


def _filters(request: HttpRequest, plan: Plan, paths: dict[int, list[str]], units) -> LedgerFilterForm:
    return LedgerFilterForm(request.GET, sections=paths, units=units)


def _rows(tasks, lines: list[LineRow], paths: dict[int, list[str]]) -> list[TaskRow]:
    rows = {task.pk: TaskRow(task, paths.get(task.section_id, []), []) for task in tasks}
    for line in lines:  # ordered by task, then role (lead, responsible, cooperating)
        groups = rows[line.task_id].groups
        if not groups or groups[-1].role != line.role:
            groups.append(RoleGroup(line.role, gettext(line.get_role_display()), []))
        groups[-1].lines.append(line)
    return list(rows.values())


@role_required(*ANY_ROLE)
@replica_reads()  # read-heavy, follows no write: may read the replica (lib.replica)
def plan_ledger(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plan_get(user=request.user, pk=plan_id)
    paths = section_paths(plan_ids=[plan.pk])
    # Every unit the user sees a line of: the unit filter's choices, and the units of the lines shown.
    units = {unit.pk: unit for unit in ledger_units(user=request.user, plan=plan)}
    form = _filters(request, plan, paths, units.values())
    lines = plan_ledger_lines(user=request.user, plan=plan, filters=form.filters())
    page = Paginator(ledger_tasks(lines), TASKS_PER_PAGE).get_page(request.GET.get("page"))
    tasks = {task.pk: task for task in page}
    today = timezone.localdate()
    # Rows of values, not model instances: the table shows each line's unit, light and badges only.
    shown = displayed_rows(
        lines.filter(task_id__in=list(tasks)), today=today, plan=plan, tasks=tasks, units=units
    )
    context = {
        "plan": plan,
        "form": form,
        "page": page,
        "rows": _rows(page, shown, paths),
        "pdf": pdf_available(),
    }
    template = "ledger/_plan_ledger_results.html" if wants_partial(request) else "ledger/plan_ledger.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@role_required(*ANY_ROLE)
@replica_reads()  # read-heavy, follows no write: may read the replica (lib.replica)
def plan_ledger_export(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan ledger's lines under the same filters, every page: the office's layout (one row per task),
    then the detail (one row per unit's line)."""
    plan = plan_get(user=request.user, pk=plan_id)
    paths = section_paths(plan_ids=[plan.pk])
    today = timezone.localdate()
    units = ledger_units(user=request.user, plan=plan)
    lines = plan_ledger_lines(
        user=request.user,
        plan=plan,
        filters=_filters(request, plan, paths, units).filters(),
    )
    shown = displayed(lines, today=today, tasks=ledger_tasks(lines).in_bulk())

    def write(out):
        write_lines_xlsx(
            out,
            title=plan.title,
            lines=shown,
            section_paths=paths,
            today=today,
            note=plan.doc_number,
            office_layout=True,
        )

    filename, ascii_name = export_filename(plan.title, today)
    return xlsx_response(write, filename, ascii_name=ascii_name)


@role_required(*ANY_ROLE)
@require_GET
@replica_reads()
def plan_ledger_export_pdf(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The same export as PDF, for offices that file PDFs: the .xlsx through LibreOffice, so its print
    setup (landscape, fit to width, the header row on each page) is the PDF's."""
    plan = plan_get(user=request.user, pk=plan_id)
    xlsx = plan_ledger_export(request, plan.pk)
    filename, ascii_name = export_filename(plan.title, timezone.localdate())
    return pdf_response(
        xlsx.content,
        suffix=".xlsx",
        filename=filename.removesuffix(".xlsx") + ".pdf",
        ascii_name=ascii_name.removesuffix(".xlsx") + ".pdf",
    )
