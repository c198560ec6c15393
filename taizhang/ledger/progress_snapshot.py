"""任务进展快照 (``ledger.models.TaskProgress``): each task of a released plan, its lines, how many are
complete (``lights.DONE_STATUSES``, the line's stored ``latest_accepted_status``) and how many 逾期
(``lights.Progress.OVERDUE``), counted by one grouped query over every line and kept for the 落实情况 page
(``plans.coverage``). Refreshed by the tick and on demand; the page says when it was taken."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from taizhang.ledger.changes import Touched, mark_through, touched_since
from taizhang.ledger.lights import DONE_STATUSES, Progress, annotate_lines
from taizhang.ledger.models import Assignment, TaskProgress
from taizhang.lib.bulk import bulk_insert
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


def task_progress_refresh(
    *, today: date, task_ids: set[int] | None = None, touched: Touched | None = None
) -> int:
    """Count every released plan's tasks (or only ``task_ids``) as on ``today`` and put them in the snapshot
    (a task without lines gets zeros, so a missing row means a task newer than the snapshot), in one
    transaction; the other rows' ``computed_at`` moves on with them. No audit entry (derived figures, as
    ``dashboard.rollup_snapshot``). The counting reads first, no lock held. ``touched``: the audit mark to
    keep with it (``ledger.changes``). Returns the number of tasks counted."""
    plans = list(Plan.objects.filter(status__in=RELEASED, published_at__isnull=False))
    tasks = Task.objects.filter(plan__in=plans)
    lines = Assignment.objects.filter(task__plan__in=plans)
    if task_ids is not None:
        tasks, lines = tasks.filter(pk__in=sorted(task_ids)), lines.filter(task_id__in=sorted(task_ids))
    counted = list(tasks.values_list("pk", flat=True))
    counts = task_progress_counts(lines, today=today, plans=plans)
    now = timezone.now()
    rows = [
        TaskProgress(task_id=pk, lines=n, completed=done, overdue=late, computed_at=now)
        for pk in counted
        for n, done, late in [counts.get(pk, (0, 0, 0))]
    ]
    with transaction.atomic():
        if task_ids is None:
            TaskProgress.objects.all().delete()
        else:
            TaskProgress.objects.filter(task_id__in=sorted(task_ids)).delete()
            TaskProgress.objects.update(computed_at=now)
        bulk_insert(TaskProgress, rows)  # lib.bulk: a fraction of bulk_create's CPU, under the lock
        if touched is not None:
            mark_through(MARK, touched=touched, today=today)
    return len(rows)


MARK = "task_progress"


def task_progress_step(*, today: date) -> None:
    """The tick's step: only the tasks whose lines or reports changed since the last (``ledger.changes``;
    everything on a new day or after a plan's change)."""
    touched = touched_since(MARK, today=today)
    if touched.everything:
        task_progress_refresh(today=today, touched=touched)
    else:
        task_ids = set(Assignment.objects.filter(pk__in=touched.lines).values_list("task_id", flat=True))
        task_progress_refresh(today=today, task_ids=task_ids, touched=touched)
