"""The ledger's traffic light (``ledger.rules.traffic_light``) and each line's progress as SQL
expressions, so that a plan's lines are counted by colour and progress in one grouped
``values().annotate()`` query instead of being loaded one by one.

The rules stay the one definition: a date is *open* while a milestone is not done, and the line's deadline
(else the task's) is open until the line is complete. The earliest open date decides: before today → red,
within ``warning_days`` → yellow, else green; no open date → green; the latest accepted report saying 已完成 →
done. ``tests/web/dashboard/test_lines.py`` checks line by line that this SQL agrees with
``ledger.selectors.assignment_light``.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.db.models import Case, F, OuterRef, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Least
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from taizhang.ledger.models import Assignment, Milestone
from taizhang.ledger.rules import Color
from taizhang.reports.models import ProgressReport, ReviewState

Status = ProgressReport.Status

# Reported statuses that count a line as done for the completion rate (decisions: 已完成 and 长期坚持 are
# taken as reported). Only 已完成 turns the traffic light to done, as ``ledger.selectors.assignment_light``
# does; should 长期坚持 stop the clock too, change both (the test comparing them will say if one is missed).
DONE_STATUSES = (Status.DONE, Status.ONGOING)
LIGHT_DONE_STATUSES = (Status.DONE,)
STARTED_STATUSES = (Status.IN_PROGRESS, Status.OVERDUE)


class Progress(models.TextChoices):
    """Where a line stands, one answer per line, for the stacked charts. A red light wins over everything:
    a line overdue by the rules is shown overdue even when its unit reports it as 长期坚持."""

    DONE = "done", _("已完成")
    IN_PROGRESS = "in_progress", _("推进中")
    NOT_STARTED = "not_started", _("未启动")
    OVERDUE = "overdue", pgettext_lazy("dashboard", "逾期")  # "Late" elsewhere: reports


def annotate_lines(lines: QuerySet[Assignment], *, today: date, warning_days: int) -> QuerySet[Assignment]:
    """``lines`` with ``latest_accepted_status`` (as ``ledger.selectors.assignment_list`` names it: the
    status of the latest accepted report, or None), ``deadline_on`` (the line's deadline, else the task's),
    ``first_open`` (the earliest open date, or None), ``light`` (a ``ledger.rules.Color`` value) and
    ``progress`` (a ``Progress`` value)."""
    latest_accepted = ProgressReport.objects.filter(
        assignment=OuterRef("pk"), review_state=ReviewState.ACCEPTED
    ).order_by("-period_start")
    first_milestone = Milestone.objects.filter(assignment=OuterRef("pk"), done_date__isnull=True).order_by(
        "due_date"
    )
    return (
        lines.annotate(
            latest_accepted_status=Subquery(latest_accepted.values("status")[:1]),
            deadline_on=Coalesce(F("deadline"), F("task__deadline_date")),
            milestone_open=Subquery(first_milestone.values("due_date")[:1]),
            # SQLite's MIN(a, b) is NULL when either is; PostgreSQL's LEAST skips NULLs. Coalesce covers both.
            first_open=Coalesce(
                Least("milestone_open", "deadline_on"),
                "milestone_open",
                "deadline_on",
                output_field=models.DateField(),
            ),
        )
        .annotate(
            light=Case(
                When(latest_accepted_status__in=LIGHT_DONE_STATUSES, then=Value(Color.DONE.value)),
                When(first_open__lt=today, then=Value(Color.RED.value)),
                When(first_open__lte=today + timedelta(days=warning_days), then=Value(Color.YELLOW.value)),
                default=Value(Color.GREEN.value),
                output_field=models.CharField(),
            ),
        )
        .annotate(
            progress=Case(
                When(light=Color.RED, then=Value(Progress.OVERDUE.value)),
                When(latest_accepted_status__in=DONE_STATUSES, then=Value(Progress.DONE.value)),
                When(latest_accepted_status__in=STARTED_STATUSES, then=Value(Progress.IN_PROGRESS.value)),
                default=Value(Progress.NOT_STARTED.value),
                output_field=models.CharField(),
            ),
        )
    )
