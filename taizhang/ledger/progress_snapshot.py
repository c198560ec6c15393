"""任务进展快照 (``ledger.models.TaskProgress``): each task of a released plan, its lines, how many are
complete (``lights.DONE_STATUSES``, the line's stored ``latest_accepted_status``) and how many 逾期
(``lights.Progress.OVERDUE``), counted by one grouped query over every line and kept for the 落实情况 page
(``plans.coverage``). Refreshed by the tick and on demand; the page says when it was taken."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from taizhang.ledger.lights import DONE_STATUSES, Progress, annotate_lines
from taizhang.ledger.models import Assignment, TaskProgress
from taizhang.plans.models import Plan, Task

RELEASED = (Plan.Status.PUBLISHED, Plan.Status.ARCHIVED)


def task_progress_counts(lines, *, today: date, plans=None) -> dict[int, tuple[int, int, int]]:
    """``lines`` grouped by task in SQL: task id → (lines, completed, overdue) on ``today``."""
    counted = (
        annotate_lines(lines, today=today, plans=plans)
        .values("task_id")
        .annotate(
            n=Count("pk"),
            completed=Count("pk", filter=Q(latest_accepted_status__in=DONE_STATUSES)),
            overdue=Count("pk", filter=Q(progress=Progress.OVERDUE)),
        )
        .order_by()
    )
    return {row["task_id"]: (row["n"], row["completed"], row["overdue"]) for row in counted}


def task_progress_refresh(*, today: date) -> int:
    """Count every released plan's tasks as on ``today`` and replace the snapshot with them (a task without
    lines gets zeros, so a missing row means a task newer than the snapshot), in one transaction; no audit
    entry (derived figures, as ``dashboard.rollup_snapshot``). The counting reads first, no lock held.
    Returns the number of tasks."""
    plans = list(Plan.objects.filter(status__in=RELEASED, published_at__isnull=False))
    task_ids = list(Task.objects.filter(plan__in=plans).values_list("pk", flat=True))
    counts = task_progress_counts(Assignment.objects.filter(task__plan__in=plans), today=today, plans=plans)
    now = timezone.now()
    rows = [
        TaskProgress(task_id=pk, lines=n, completed=done, overdue=late, computed_at=now)
        for pk in task_ids
        for n, done, late in [counts.get(pk, (0, 0, 0))]
    ]
    with transaction.atomic():
        TaskProgress.objects.all().delete()
        TaskProgress.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def task_progress_step(*, today: date) -> None:
    """The tick's step."""
    task_progress_refresh(today=today)
