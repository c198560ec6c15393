"""我的任务 and its .xlsx: the ledger lines of the unit the user acts for as liaison or unit head."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from taizhang.accounts.models import UNIT_ROLES
from taizhang.ledger.export import export_filename, write_lines_xlsx
from taizhang.ledger.selectors import editable_assignment_ids, own_unit_lines, section_paths
from taizhang.ledger.views.common import displayed, xlsx_response
from taizhang.lib.access import role_required


@role_required(*UNIT_ROLES)
def my_tasks(request: HttpRequest) -> HttpResponse:
    """The unit's own share, grouped by plan, each line with its light and latest report.

    ``assignment_list`` also shows a lead unit its cooperating units' lines, and a user who is also an
    inspector a whole region; this page is the unit's own share only (``own_unit_lines``)."""
    lines = displayed(own_unit_lines(user=request.user), today=timezone.localdate())
    editable = editable_assignment_ids(user=request.user, lines=lines)
    return render(request, "ledger/my_tasks.html", {"lines": lines, "editable": editable})


@role_required(*UNIT_ROLES)
def my_tasks_export(request: HttpRequest) -> HttpResponse:
    """The same lines as 我的任务, as the ledger .xlsx; each plan's title heads its sections."""
    today = timezone.localdate()
    lines = displayed(own_unit_lines(user=request.user), today=today)
    paths = section_paths(plan_ids={line.task.plan_id for line in lines})
    unit = request.user.unit
    name = unit.name if unit else "我的任务"

    def write(out):
        write_lines_xlsx(
            out, title=f"{name}任务台账", lines=lines, section_paths=paths, today=today, plan_heading=True
        )

    filename, ascii_name = export_filename(name, today)
    return xlsx_response(write, filename, ascii_name=ascii_name)
