"""The traffic light of ``ledger.rules.traffic_light`` and each line's progress as SQL expressions, beside
the rule they restate, so that the dashboard, 看查问 (``supervision.review3``), the plan ledger's 只看红灯
filter and assessment count and pick a plan's lines by colour and progress in one query instead of loading
them one by one.

The Python rule stays the definition (its docstring lists the rules); this module restates each rule as a
condition — ``late``, ``reported_late``, ``missed`` (yellow and red counts), ``undecomposed``, ``due_soon`` —
and the light and its main cause are the first that holds, in the rule's order.
``tests/ledger/test_lights_match_rules.py`` checks line by line, on every boundary day, that this SQL agrees
with ``ledger.selectors.assignment_light``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest, Least, NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from taizhang.ledger.models import Assignment, Milestone
from taizhang.ledger.rules import Cause, Color, Thresholds
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.periods import last_due_period, periods_owed

Status = ProgressReport.Status

# Reported statuses that count a line as done for the completion rate of the dashboard and assessment
# (decisions: 已完成 and 长期坚持 are taken as reported). Only 已完成 turns the traffic light to done, as
# ``ledger.rules.traffic_light`` does; should 长期坚持 stop the clock too, change both (the test comparing
# them will say if one is missed).
DONE_STATUSES = (Status.DONE, Status.ONGOING)
LIGHT_DONE_STATUSES = (Status.DONE,)
STARTED_STATUSES = (Status.IN_PROGRESS, Status.OVERDUE)


class Progress(models.TextChoices):
    """Where a line stands, one answer per line, for the stacked charts. A red light wins over everything:
    a red line (late, reported 未按期完成, or reports missed) is shown overdue even when its unit reports it
    as 长期坚持."""

    DONE = "done", _("已完成")
    IN_PROGRESS = "in_progress", _("推进中")
    NOT_STARTED = "not_started", _("未启动")
    OVERDUE = "overdue", pgettext_lazy("dashboard", "逾期")  # "Late" elsewhere: reports


# "No date" inside LEAST: SQLite's MIN(a, b) is NULL when either is, PostgreSQL's LEAST skips NULLs.
_NEVER = date(9999, 12, 31)
# ``last_sent`` of a line that sent nothing: one comparison (``<``) then covers it, so each condition names
# the subquery once.
_NONE_SENT = date(1, 1, 1)


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def missed_q(plans: Iterable[Plan], *, today: date, count: int) -> Q:
    """Lines (annotated with ``last_sent``) whose ``count`` most recent periods owed have no report sent:
    the ``count``-th latest period the plan owes (``periods_owed`` from its publication) is owed by the line
    too (it began by that period's end) and no report was sent for it or later. Python works out each
    plan's period, so the SQL compares dates only."""
    # One condition per distinct period, not per plan: plans of one cadence mostly owe the same period, and a
    # province's 150 plans written out one by one made the query 280 KB and PostgreSQL 30 s over its lines.
    by_period: dict[tuple[date, date], list[int]] = defaultdict(list)
    for plan in plans:
        owed = periods_owed(plan, today=today)
        if len(owed) >= count:
            by_period[(owed[-count].start, owed[-count].end)].append(plan.pk)
    q = Q(pk__in=[])
    for (start, end), plan_ids in by_period.items():
        q |= Q(
            task__plan_id__in=plan_ids,
            created_at__lt=_midnight(end + timedelta(days=1)),
            last_sent__lt=start,
        )
    return q


def with_last_sent(lines: QuerySet[Assignment], *, today: date) -> QuerySet[Assignment]:
    """``lines`` annotated with ``last_sent``: the latest period start with a report sent (any state but
    draft), up to the last period due by ``today`` for the plan's cadence (a report for a later period ends
    no run); 0001-01-01 when none. One look-up a line in the index of its reports; ``missed_q`` reads it."""
    sent = ProgressReport.objects.filter(assignment=OuterRef("pk"), period_start__lte=OuterRef("sent_window"))
    sent = sent.exclude(review_state=ReviewState.DRAFT).order_by("-period_start").values("period_start")[:1]
    window = Case(
        *(
            When(task__plan__report_cadence=cadence, then=Value(last_due_period(today, cadence).start))
            for cadence in Plan.Cadence.values
        ),
        output_field=models.DateField(),
    )
    return lines.annotate(sent_window=window).annotate(last_sent=Coalesce(Subquery(sent), Value(_NONE_SENT)))


def deadline_on() -> Coalesce:
    """The line's deadline, else its task's (``ledger.rules.line_deadline``)."""
    return Coalesce(F("deadline"), F("task__deadline_date"))


def began_at() -> Greatest:
    """When a line began to count (``ledger.rules.line_began``): the plan's publication, or the line's
    creation when later. For ``undecomposed_q``, annotated as ``began_at``."""
    return Greatest(F("task__plan__published_at"), F("created_at"))


def reported_late_q(prefix: str = "") -> Q:
    """红灯 ``reported_late`` (``ledger.rules.is_reported_late``): the latest accepted report of the line
    (at ``prefix``) says 未按期完成."""
    return Q(**{f"{prefix}latest_accepted_status": Status.OVERDUE})


def undecomposed_q(*, today: date, thresholds: Thresholds) -> Q:
    """黄灯 ``undecomposed`` (``ledger.rules.decompose_days_over`` and ``is_decomposed``): lines annotated
    with ``began_at`` (``began_at()``) that began more than ``decompose_days`` before ``today`` and lack a
    责任人 or a 进度目标."""
    # PostgreSQL's GREATEST skips a NULL (SQLite's MAX does not): a plan never published is named.
    return (
        Q(task__plan__published_at__isnull=False)
        & Q(began_at__lt=_midnight(today - timedelta(days=thresholds.decompose_days)))
        & (Q(responsible_persons=[]) | ~Exists(Milestone.objects.filter(assignment=OuterRef("pk"))))
    )


def annotate_lines(
    lines: QuerySet[Assignment],
    *,
    today: date,
    thresholds: Thresholds | None = None,
    plans: Iterable[Plan] | None = None,
) -> QuerySet[Assignment]:
    """``lines`` with ``deadline_on`` (the line's deadline, else the task's), ``first_open`` (the earliest
    open date, or None), ``last_sent`` (the latest period start with a report sent, up to the last period
    due; 0001-01-01 when none), ``light`` (a ``ledger.rules.Color`` value), ``light_cause`` (the main
    ``ledger.rules.Cause`` value, "" when green or done) and ``progress`` (a ``Progress`` value). The status
    of the latest accepted report is the line's own column, ``latest_accepted_status``.

    ``plans``: the plans of ``lines``, when the caller has them (else one query reads them); ``thresholds``:
    ``Thresholds.from_settings()`` unless given.

    Databases do not share a subquery that an expression repeats, so each condition below names the
    annotation holding its subquery (``first_open``, ``last_sent``) rather than the subquery itself."""
    thresholds = thresholds or Thresholds.from_settings()
    if plans is None:
        plans = Plan.objects.filter(pk__in=lines.values("task__plan_id"), published_at__isnull=False)
    plans = [plan for plan in plans if plan.published_at is not None]
    first_milestone = Milestone.objects.filter(assignment=OuterRef("pk"), done_date__isnull=True).order_by(
        "due_date"
    )
    never = Value(_NEVER)
    lines = lines.annotate(
        deadline_on=deadline_on(),
        first_open=NullIf(
            Least(
                Coalesce(Subquery(first_milestone.values("due_date")[:1]), never),
                Coalesce(deadline_on(), never),
            ),
            never,
            output_field=models.DateField(),
        ),
        began_at=began_at(),
    )
    lines = with_last_sent(lines, today=today)
    done = Q(latest_accepted_status__in=LIGHT_DONE_STATUSES)
    late = Q(first_open__lt=today)
    reported_late = reported_late_q()
    missed_red = missed_q(plans, today=today, count=thresholds.missed_red)
    missed = missed_q(plans, today=today, count=thresholds.missed_yellow)
    undecomposed = undecomposed_q(today=today, thresholds=thresholds)
    due_soon = Q(first_open__lte=today + timedelta(days=thresholds.warning_days))
    red = late | reported_late | missed_red
    return lines.annotate(
        light=Case(
            When(done, then=Value(Color.DONE.value)),
            When(red, then=Value(Color.RED.value)),
            When(missed | undecomposed | due_soon, then=Value(Color.YELLOW.value)),
            default=Value(Color.GREEN.value),
            output_field=models.CharField(),
        ),
        light_cause=Case(
            When(done, then=Value("")),
            When(late, then=Value(Cause.LATE.value)),
            When(reported_late, then=Value(Cause.REPORTED_LATE.value)),
            When(missed, then=Value(Cause.MISSED.value)),
            When(undecomposed, then=Value(Cause.UNDECOMPOSED.value)),
            When(due_soon, then=Value(Cause.DUE_SOON.value)),
            default=Value(""),
            output_field=models.CharField(),
        ),
        progress=Case(
            When(~done & red, then=Value(Progress.OVERDUE.value)),
            When(latest_accepted_status__in=DONE_STATUSES, then=Value(Progress.DONE.value)),
            When(latest_accepted_status__in=STARTED_STATUSES, then=Value(Progress.IN_PROGRESS.value)),
            default=Value(Progress.NOT_STARTED.value),
            output_field=models.CharField(),
        ),
    )
