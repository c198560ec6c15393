"""One task: its text, headings and regulations, and every unit's line the user may read."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.ledger.selectors import (
    editable_assignment_ids,
    section_paths,
    task_assignments_visible,
    task_get,
    with_latest_report,
)
from taizhang.ledger.views.common import displayed
from taizhang.reports.selectors import chase_counts


@role_required(*ANY_ROLE)
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    """The lead unit sees its cooperating units' lines here; a cooperating unit its own; the office and
    leaders those of their region. 404 for a task the user has no line of."""
    task = task_get(user=request.user, pk=task_id)
    lines = task_assignments_visible(user=request.user, task=task)
    lines = displayed(with_latest_report(lines, user=request.user), today=timezone.localdate())
    chased = chase_counts(line.pk for line in lines)  # 催办 by the office, counted as evidence
    for line in lines:
        line.chase_count = chased.get(line.pk, 0)
    context = {
        "task": task,
        "plan": task.plan,
        "section_path": section_paths(plan_ids=[task.plan_id]).get(task.section_id, []),
        "regulations": task.regulations.all(),
        "lines": lines,
        "editable": editable_assignment_ids(user=request.user, lines=lines),
        "has_cooperating": any(line.role == line.Role.COOPERATING for line in lines),
    }
    return render(request, "ledger/task_detail.html", context)
