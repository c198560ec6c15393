"""The traffic light of ``ledger.rules.traffic_light`` and each line's progress as SQL expressions, beside
the rule they restate, so that the dashboard, 看查问 (``supervision.review3``) and assessment count a plan's
lines by colour and progress in one grouped ``values().annotate()`` query instead of loading them one by one.

The Python rule stays the definition: a date is *open* while a milestone is not done, and the line's deadline
(else the task's) is open until the line is complete. The earliest open date decides: before today → red,
within ``warning_days`` → yellow, else green; no open date → green; the latest accepted report saying 已完成 →
done. ``tests/ledger/test_lights_match_rules.py`` checks line by line that this SQL agrees with
``ledger.selectors.assignment_light``.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.db.models import Case, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Least, NullIf
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from taizhang.ledger.models import Assignment, Milestone
from taizhang.ledger.rules import Color
from taizhang.reports.models import ProgressReport

Status = ProgressReport.Status

# Reported statuses that count a line as done for the completion rate of the dashboard and assessment
# (decisions: 已完成 and 长期坚持 are taken as reported). Only 已完成 turns the traffic light to done, as
# ``ledger.selectors.assignment_light`` does; should 长期坚持 stop the clock too, change both (the test
# comparing them will say if one is missed).
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


# "No date" inside LEAST: SQLite's MIN(a, b) is NULL when either is, PostgreSQL's LEAST skips NULLs.
_NEVER = date(9999, 12, 31)


def annotate_lines(lines: QuerySet[Assignment], *, today: date, warning_days: int) -> QuerySet[Assignment]:
    """``lines`` with ``deadline_on`` (the line's deadline, else the task's), ``first_open`` (the earliest
    open date, or None), ``light`` (a ``ledger.rules.Color`` value) and ``progress`` (a ``Progress`` value).
    The status of the latest accepted report is the line's own column, ``latest_accepted_status``.

    Databases do not share a subquery that an expression repeats, so each condition below names
    ``first_open`` (which holds the milestone subquery) once, and ``progress`` tests the red light's
    condition (``red_q``) rather than repeating the whole ``light`` expression."""
    first_milestone = Milestone.objects.filter(assignment=OuterRef("pk"), done_date__isnull=True).order_by(
        "due_date"
    )
    never = Value(_NEVER)
    return lines.annotate(
        deadline_on=Coalesce(F("deadline"), F("task__deadline_date")),
        first_open=NullIf(
            Least(
                Coalesce(Subquery(first_milestone.values("due_date")[:1]), never),
                Coalesce(F("deadline"), F("task__deadline_date"), never),
            ),
            never,
            output_field=models.DateField(),
        ),
    ).annotate(
        light=Case(
            When(latest_accepted_status__in=LIGHT_DONE_STATUSES, then=Value(Color.DONE.value)),
            When(first_open__lt=today, then=Value(Color.RED.value)),
            When(first_open__lte=today + timedelta(days=warning_days), then=Value(Color.YELLOW.value)),
            default=Value(Color.GREEN.value),
            output_field=models.CharField(),
        ),
        progress=Case(
            When(red_q(today), then=Value(Progress.OVERDUE.value)),
            When(latest_accepted_status__in=DONE_STATUSES, then=Value(Progress.DONE.value)),
            When(latest_accepted_status__in=STARTED_STATUSES, then=Value(Progress.IN_PROGRESS.value)),
            default=Value(Progress.NOT_STARTED.value),
            output_field=models.CharField(),
        ),
    )


def red_q(today: date) -> Q:
    """The red light's condition, on lines from ``annotate_lines``: an open date before ``today`` on a line
    not reported done."""
    return ~Q(latest_accepted_status__in=LIGHT_DONE_STATUSES) & Q(first_open__lt=today)
