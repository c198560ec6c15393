"""The review queue (审核) as a reviewer works it: narrowed by plan, unit, period, state and lateness, sorted,
one page at a time, each row made ready with its evidence files, when it was sent and its line's light.

Reads only; who waits for whom is ``selectors.review_queue``. A page costs the same few queries whatever its
size and however long the queue: the filters' choices, a count that stops at ``COUNT_CAP``, the page's
rows, then one query each for the page's evidence files, sending times and milestones — never one per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Exists, Max, OuterRef, QuerySet
from django.utils.functional import cached_property

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import unit_ids_in_scope, unit_scope_q
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_light, attach_milestones, attach_sent
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport, ReportFile, ReportStep, ReviewState
from taizhang.reports.periods import Period, report_due_date
from taizhang.reports.selectors import review_queue, waiting_states
from taizhang.units.models import Unit

# The orders a reviewer may choose; each ends on the primary key, so pages never overlap or skip a row.
SORTS: dict[str, tuple[str, ...]] = {
    # the oldest period first (the default), in the queue index's own order: a page needs no sort
    "oldest": ("period_start", "period_label", "assignment_id", "pk"),
    "unit": ("assignment__unit__order", "assignment__unit_id", "period_start", "pk"),
    "plan": ("assignment__task__plan_id", "assignment__task__order", "period_start", "pk"),
    "due": ("period_end", "period_start", "pk"),  # the due date is the period's end plus the grace days
}
DEFAULT_SORT = "oldest"
_REVIEWERS = (Role.UNIT_HEAD, Role.OFFICE_ADMIN)
COUNT_CAP = 1000  # twenty pages: past that, the reviewer narrows the queue rather than pages through it


@dataclass(frozen=True, slots=True)
class QueueFilters:
    """What the queue is narrowed to; each field is off when empty. Filters only narrow the queue."""

    plan: int | None = None
    unit: int | None = None
    period: tuple[date, str] | None = None  # a period's start and label: (2021-01-01, 2021年第一季度)
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
        reports = reports.filter(period_start=filters.period[0], period_label=filters.period[1])
    if filters.state:
        reports = reports.filter(review_state=filters.state)
    if filters.late is not None:
        reports = reports.filter(late=filters.late)
    return reports.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


@dataclass(frozen=True, slots=True)
class QueueChoices:
    plans: list[tuple[int, str]]
    units: list[tuple[int, str]]
    periods: list[tuple[str, str]]  # (value: "start|label", label)
    states: list[str]


def queue_choices(*, user: User) -> QueueChoices:
    """What the filters offer, without reading the queue itself (at a province's office it is some 100,000
    reports, and a grouped read of it costs a second): the released plans with lines of the units the user
    reviews, those units, and the periods any report waits in for the user's states — calendar labels
    (2024年3月), not data of any unit, read from the queue's index alone."""
    states = waiting_states(user)
    reviewed = unit_scope_q(user, *_REVIEWERS)
    lines = Assignment.objects.filter(reviewed, task__plan_id=OuterRef("pk"))
    plans = Plan.objects.filter(Exists(lines), status__in=(Plan.Status.PUBLISHED, Plan.Status.ARCHIVED))
    units = Unit.objects.filter(pk__in=unit_ids_in_scope(user, *_REVIEWERS))
    periods = (
        ProgressReport.objects.filter(review_state__in=states)
        .order_by("period_start", "period_label")
        .values_list("period_start", "period_label")
        .distinct()
    )
    return QueueChoices(
        plans=list(plans.values_list("pk", "title")),
        units=list(units.order_by("order", "pk").values_list("pk", "name")),
        periods=[(f"{start.isoformat()}|{label}", label) for start, label in periods],
        states=states,
    )


class CappedPaginator(Paginator):
    """Counts at most ``cap`` rows (a count stops there, cheap however long the queue): past it, the pages
    run to the cap and ``capped`` says there are more, to be narrowed by the filters."""

    def __init__(self, object_list, per_page: int, *, cap: int):
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def _counted(self) -> int:
        return self.object_list[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def capped(self) -> bool:
        return self._counted > self.cap


def queue_rows(ids: list[int]) -> list[ProgressReport]:
    """The reports ``ids`` (a page of ``queue_page_rows``, read as ids so that a sort handles narrow rows),
    in that order, each with its line, task, plan and unit: one query."""
    found = ProgressReport.objects.select_related("assignment__task__plan", "assignment__unit").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def make_ready(rows: Iterable[ProgressReport], *, today: date) -> list[ProgressReport]:
    """Attach to each report what its row shows: ``evidence_files`` (links to the download route),
    ``submitted_at`` (when it was last sent), ``due`` (its due date) and ``light`` (its line's light today,
    ``ledger.selectors.assignment_light``). Four queries, whatever the number of rows."""
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
    lines = [row.assignment for row in rows]
    attach_milestones(lines)
    attach_sent(lines, today=today)  # the periods each line sent: the light's missed-report rule reads them
    for row in rows:
        row.evidence_files = files[row.pk]
        row.evidence_count = len(row.evidence_files)
        row.submitted_at = sent.get(row.pk)
        row.due = report_due_date(Period(row.period_start, row.period_end, row.period_label))
        row.light = assignment_light(row.assignment, today=today)
    return rows
