"""What the ledger views share: lines made ready to show (htmx checks, .xlsx answers: ``lib.responses``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import MISSING, dataclass, fields
from datetime import date, datetime

from django.db.models import QuerySet
from django.utils.translation import gettext

from taizhang.ledger.models import Assignment
from taizhang.ledger.rules import Light, LightDay
from taizhang.ledger.selectors import (
    ReportBadge,
    assignment_light,
    attach_latest_reports,
    attach_milestones,
    attach_sent,
    with_latest_sent,
)
from taizhang.plans.models import Plan, Task
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.units.models import Unit

# The review state's badge colour in ``{% report_badges %}`` (``ledger_badges``); anything else waits for a
# reviewer (yellow).
_STATUS_LABELS = dict(ProgressReport.Status.choices)
_STATE_LABELS = dict(ReviewState.choices)
_REVIEW_BADGE = {
    ReviewState.ACCEPTED: "light-green",
    ReviewState.RETURNED: "light-red",
    ReviewState.DRAFT: "badge-draft",
}


def displayed(
    lines: QuerySet[Assignment],
    *,
    today: date,
    tasks: Mapping[int, Task] | None = None,
    units: Mapping[int, Unit] | None = None,
    badges_only: bool = False,
) -> list[Assignment]:
    """Evaluate ``lines`` (annotated by ``with_latest_report``) and attach ``light`` and ``latest_report``,
    the report with its labels translated for ``{% report_badges %}`` (``status_label``, ``review_label``,
    ``review_badge``): one query for the lines, one for their milestones, one for their reports, one for the
    periods they sent reports for (the light's ``missed`` rule), whatever their number. The labels are
    worked out here because a page shows some 250 lines, and a template asking each report for its
    ``get_…_display`` and translating it costs more than the rest of the row.

    The milestones are read in one query into ``milestone_list`` (``attach_milestones``) rather than
    prefetched, which builds a queryset per line: templates and exports read ``milestone_list``.

    ``tasks``: the lines' tasks by id, when the caller has read them already (a page of the plan ledger, a
    plan's export). The lines are then read without their task, plan and section joined and take their task
    from it, rather than building the same Task, Plan and Section again for each of a task's lines.

    ``units``: with ``tasks``, the units of the lines by id, when the caller has read them already (the
    plan ledger's unit filter lists every unit the user sees a line of): the lines are then read with no
    join at all rather than building a Unit per line. A unit not among them is read (none, normally).

    ``badges_only``: the pages that show each report as its badges only and each line's milestones only
    through its light (the plan ledger, my tasks) read only the fields the badges need
    (``selectors.REPORT_BADGE_FIELDS``) and the milestones' dates, as plain rows rather than model
    instances."""
    lines = lines.prefetch_related(None)
    if tasks is not None:
        lines = lines.select_related(None)
        if units is None:
            lines = lines.select_related("unit")
    lines = list(lines)
    if tasks is not None:
        _attach_plans(tasks.values())
        for line in lines:
            line.task = tasks[line.task_id]
        if units is not None:
            _attach_units(lines, units)
    attach_milestones(lines, dates_only=badges_only)
    attach_sent(lines, today=today)
    attach_latest_reports(lines, badges_only=badges_only)
    _lights_and_labels(lines, today)
    return lines


@dataclass(slots=True)
class LineRow:
    """A line of the plan ledger's table as plain values rather than an ``Assignment`` (some 260 a page):
    what its light (``rules.traffic_light``), its badges and its role group read. ``task``, ``unit``,
    ``milestone_list``, ``sent_starts``, ``latest_report`` and ``light`` are set by ``displayed_rows``."""

    pk: int
    task_id: int
    unit_id: int
    role: str
    deadline: date | None
    latest_accepted_status: str
    created_at: datetime
    responsible_persons: list[str]
    latest_report_id: int | None
    latest_sent: date | None
    task: Task | None = None
    unit: Unit | None = None
    milestone_list: list | None = None
    sent_starts: list[date] | None = None
    latest_report: ReportBadge | None = None
    light: Light | None = None

    def get_role_display(self) -> str:
        return _ROLE_LABELS.get(self.role, self.role)


_ROLE_LABELS = dict(Assignment.Role.choices)
_ROW_FIELDS = tuple(f.name for f in fields(LineRow) if f.default is MISSING)  # the columns read, in order


def displayed_rows(
    lines: QuerySet[Assignment],
    *,
    today: date,
    plan: Plan,
    tasks: Mapping[int, Task],
    units: Mapping[int, Unit],
) -> list[LineRow]:
    """``displayed(lines, today=, tasks=, units=, badges_only=True)`` for lines of one ``plan`` read as
    ``LineRow`` values, not model instances, the latest period each sent read in the lines' own query
    (``with_latest_sent``): the plan ledger's table. ``units``: as ``displayed``'s."""
    values = with_latest_sent(lines.prefetch_related(None).select_related(None), plan=plan, today=today)
    rows = [LineRow(*row) for row in values.values_list(*_ROW_FIELDS)]
    _attach_plans(tasks.values())
    for row in rows:
        row.task = tasks[row.task_id]
        row.sent_starts = [row.latest_sent] if row.latest_sent is not None else []
    _attach_units(rows, units)
    attach_milestones(rows, dates_only=True)
    attach_latest_reports(rows, badges_only=True)
    _lights_and_labels(rows, today)
    return rows


def _lights_and_labels(lines: Iterable[Assignment | LineRow], today: date) -> None:
    """Each line's ``light``, and its latest report's labels translated for ``{% report_badges %}``."""
    statuses: dict[str, str] = {}  # each label translated once, not once per line
    states: dict[str, str] = {}
    day = LightDay(today)  # the thresholds, time zone and wordings of every line's light, read once
    for line in lines:
        line.light = assignment_light(line, day=day)
        if report := line.latest_report:
            report.status_label = _label(statuses, report.status, _STATUS_LABELS)
            report.review_label = _label(states, report.review_state, _STATE_LABELS)
            report.review_badge = _REVIEW_BADGE.get(report.review_state, "light-yellow")


def _attach_units(lines: list[Assignment] | list[LineRow], units: Mapping[int, Unit]) -> None:
    missing = Unit.objects.in_bulk({line.unit_id for line in lines} - units.keys())
    for line in lines:
        line.unit = units.get(line.unit_id) or missing[line.unit_id]


def _attach_plans(tasks: Iterable[Task]) -> None:
    """The plan on each task (the light reads its publication and cadence), one query for those not read."""
    field = Task._meta.get_field("plan")
    missing = [task for task in tasks if not field.is_cached(task)]
    plans = Plan.objects.in_bulk({task.plan_id for task in missing})
    for task in missing:
        task.plan = plans[task.plan_id]


def _label(translated: dict[str, str], value: str, labels: Mapping[str, str]) -> str:
    """``value``'s label as ``get_…_display`` gives it (the value itself when not a choice), translated."""
    if value not in translated:
        translated[value] = gettext(str(labels.get(value, value)))
    return translated[value]
