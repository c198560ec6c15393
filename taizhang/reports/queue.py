"""The review queue (审核) as a reviewer works it: narrowed by plan, unit, period, state and lateness, sorted,
one page at a time, each row made ready with its evidence files, when it was sent and its line's light.

Reads only; who waits for whom is ``selectors.review_queue``. A page costs the same few queries whatever its
size and however long the queue: a count, the page's rows, then one query each for the page's evidence
files, sending times and milestones — never one per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Max, QuerySet

from taizhang.accounts.models import User
from taizhang.ledger.selectors import assignment_light, attach_milestones
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport, ReportFile, ReportStep, ReviewState
from taizhang.reports.periods import Period, report_due_date
from taizhang.reports.selectors import review_queue, waiting_states
from taizhang.units.models import Unit

# The orders a reviewer may choose; each ends on the primary key, so pages never overlap or skip a row.
SORTS: dict[str, tuple[str, ...]] = {
    "oldest": ("period_start", "updated_at", "pk"),  # the longest waiting first: the default
    "unit": ("assignment__unit__order", "assignment__unit_id", "period_start", "pk"),
    "plan": ("assignment__task__plan_id", "assignment__task__order", "period_start", "pk"),
    "due": ("period_end", "period_start", "pk"),  # the due date is the period's end plus the grace days
}
DEFAULT_SORT = "oldest"


@dataclass(frozen=True, slots=True)
class QueueFilters:
    """What the queue is narrowed to; each field is off when empty. Filters only narrow the queue."""

    plan: int | None = None
    unit: int | None = None
    period: str = ""  # a period's label, 2021年第一季度
    state: str = ""  # one of ``waiting_states(user)``
    late: bool | None = None  # True: only reports sent late; False: only those sent on time


def queue_page_rows(
    *, user: User, filters: QueueFilters, sort: str = DEFAULT_SORT
) -> QuerySet[ProgressReport]:
    """The user's queue under ``filters`` in the order ``sort`` names, each row with its line, task, plan
    and unit joined (no aggregate, so counting the queue stays a plain count)."""
    reports = review_queue(user=user)
    if filters.plan is not None:
        reports = reports.filter(assignment__task__plan_id=filters.plan)
    if filters.unit is not None:
        reports = reports.filter(assignment__unit_id=filters.unit)
    if filters.period:
        reports = reports.filter(period_label=filters.period)
    if filters.state:
        reports = reports.filter(review_state=filters.state)
    if filters.late is not None:
        reports = reports.filter(late=filters.late)
    return reports.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


@dataclass(frozen=True, slots=True)
class QueueChoices:
    plans: list[tuple[int, str]]
    units: list[tuple[int, str]]
    periods: list[str]
    states: list[str]


def queue_choices(*, user: User) -> QueueChoices:
    """What the filters offer: the plans, units and periods of the reports waiting for the user (three
    small grouped reads of the queue), and the states the user decides."""
    queue = review_queue(user=user).order_by()
    plan_ids = queue.values_list("assignment__task__plan_id", flat=True).distinct()
    unit_ids = queue.values_list("assignment__unit_id", flat=True).distinct()
    periods = queue.values_list("period_start", "period_label").distinct()
    plans = Plan.objects.filter(pk__in=plan_ids).order_by("-period_start", "pk")
    units = Unit.objects.filter(pk__in=unit_ids).order_by("order", "pk")
    return QueueChoices(
        plans=list(plans.values_list("pk", "title")),
        units=list(units.values_list("pk", "name")),
        periods=list(dict.fromkeys(label for _, label in sorted(periods))),
        states=waiting_states(user),
    )


def make_ready(rows: Iterable[ProgressReport], *, today: date) -> list[ProgressReport]:
    """Attach to each report what its row shows: ``evidence_files`` (links to the download route),
    ``submitted_at`` (when it was last sent), ``due`` (its due date) and ``light`` (its line's light today,
    ``ledger.selectors.assignment_light``). Three queries, whatever the number of rows."""
    rows = list(rows)
    ids = [row.pk for row in rows]
    files: dict[int, list[ReportFile]] = defaultdict(list)
    for file in ReportFile.objects.filter(report_id__in=ids).order_by("pk"):
        files[file.report_id].append(file)
    sent = dict(
        ReportStep.objects.filter(report_id__in=ids, to_state=ReviewState.SUBMITTED)
        .values("report_id")
        .annotate(at=Max("at"))
        .values_list("report_id", "at")
    )
    attach_milestones(row.assignment for row in rows)
    for row in rows:
        row.evidence_files = files[row.pk]
        row.evidence_count = len(row.evidence_files)
        row.submitted_at = sent.get(row.pk)
        row.due = report_due_date(Period(row.period_start, row.period_end, row.period_label))
        row.light = assignment_light(row.assignment, today=today)
    return rows
