"""看板: a plan's figures as the user may see them, from a fixed handful of queries whatever the number of
tasks, lines or units.

Scope: the lines of the units the user's grants cover (a liaison or unit head: their own unit; the office,
leaders and inspectors: their region and below), among the lines they may read
(``ledger.selectors.assignment_visible_q``). The lead unit's view of its cooperating units' lines is for
reading them, not for the unit's figures, so it is left out here.

The lines are read once, one row per line with everything a figure splits them by (section, unit, light,
progress, latest accepted status; ``ledger.lights`` computes the light and progress of each line in the
query) and what the overdue list shows. The headline, the section and unit charts, the light distribution
and the overdue list all come from those rows: each line's subqueries are evaluated once, not once per
chart and figure (a ``GROUP BY`` for the figures and a second read for the overdue list evaluated them
twice; a plan has some hundreds of lines, so summing them here costs less than that second pass).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet, Value
from django.http import Http404

from taizhang.accounts.models import User
from taizhang.accounts.selectors import region_ids_in_scope, unit_scope_q
from taizhang.dashboard.reporting import PeriodFigures, report_figures
from taizhang.ledger.lights import DONE_STATUSES, Progress, annotate_lines
from taizhang.ledger.models import Assignment
from taizhang.ledger.rules import Cause, Color
from taizhang.ledger.selectors import assignment_visible_q
from taizhang.plans.models import Plan, Section, Task
from taizhang.plans.selectors import plan_list

TOP_UNITS = 20
OVERDUE_LIST_MAX = 50  # the rest are one click away: the plan ledger filtered to overdue lines
_TALLY = ("task__section_id", "unit_id", "light", "progress", "latest_accepted_status")
_UNIT = ("unit__name", "unit__short_name", "unit__order")
_OVERDUE = ("pk", "task_id", "task__order", "task__text", "deadline_on", "first_open", "light_cause")


@dataclass(slots=True)
class Split:
    """Lines by progress, one bucket per line; ``completed`` counts 已完成 and 长期坚持, the completion
    rate's numerator, so a 长期坚持 line that is overdue is both completed and in the overdue bucket."""

    lines: int = 0
    completed: int = 0
    done: int = 0
    in_progress: int = 0
    not_started: int = 0
    overdue: int = 0

    def add(self, row: dict) -> None:
        """Count a row of the grouped query (``n`` lines of one progress and status)."""
        n = row["n"]
        self.lines += n
        setattr(self, row["progress"], getattr(self, row["progress"]) + n)
        if row["latest_accepted_status"] in DONE_STATUSES:
            self.completed += n

    @property
    def rate(self) -> float | None:
        """Completion rate in per cent, one decimal; None without lines."""
        return round(100 * self.completed / self.lines, 1) if self.lines else None


@dataclass(frozen=True, slots=True)
class Group:
    """A top-level section, or a unit, with its lines' split."""

    key: int | None
    label: str  # short: the section's number, the unit's short name
    title: str  # full: the section's number and title, the unit's full name
    split: Split


@dataclass(frozen=True, slots=True)
class OverdueLine:
    assignment_id: int
    unit: str
    task_id: int
    task_text: str
    deadline: date | None  # the line's deadline, else the task's
    overdue_since: date | None  # the earliest open date (a milestone's or the deadline), if one has passed
    days: int | None
    cause: str = ""  # why the light is red, for a line red without a date passed (ledger.rules.Cause label)


@dataclass(frozen=True)
class Dashboard:
    plan: Plan
    today: date
    tasks: int
    units: int
    split: Split
    lights: dict[str, int]  # ledger.rules.Color value → lines
    sections: list[Group]
    top_units: list[Group]
    overdue: list[OverdueLine]
    periods: list[PeriodFigures] = field(default_factory=list)  # closed periods, oldest first
    current: PeriodFigures | None = None  # the period whose report is due next

    @property
    def on_time_rate(self) -> float | None:
        """Reports of closed periods sent on time, in per cent of those expected; None before one closes."""
        expected = sum(p.expected for p in self.periods)
        return round(100 * sum(p.on_time for p in self.periods) / expected, 1) if expected else None


def dashboard_default_plan(*, user: User) -> Plan | None:
    """The newest published plan in the user's scope: the one ``dashboard`` opens without a plan id."""
    return plan_list(user=user).filter(status=Plan.Status.PUBLISHED).order_by("-published_at", "-pk").first()


def dashboard_plans(*, user: User, plan_id: int) -> tuple[Plan, list[Plan]]:
    """The plan (404 when out of the user's scope, as ``plans.selectors.plan_get``) and the other plans in
    scope, for the page's plan switcher: one read of ``plan_list`` rather than two."""
    plans = list(plan_list(user=user))
    plan = next((p for p in plans if p.pk == plan_id), None)
    if plan is None:
        raise Http404
    return plan, [p for p in plans if p.pk != plan_id]


def dashboard_lines(*, user: User, plan: Plan) -> QuerySet[Assignment]:
    """The lines of ``plan`` (checked with ``plans.selectors.plan_get``) whose figures the user sees."""
    return Assignment.objects.filter(assignment_visible_q(user), unit_scope_q(user), task__plan=plan)


def plan_dashboard(*, user: User, plan: Plan, today: date) -> Dashboard:
    """Every figure of the plan's dashboard for ``user`` on ``today``."""
    scoped = dashboard_lines(user=user, plan=plan)
    lines = annotate_lines(scoped, today=today, plans=[plan])
    # One row per line, read once: the overdue list needs each line, and the figures are its sums.
    rows = list(lines.values(*_TALLY, *_UNIT, *_OVERDUE, n=Value(1)).order_by())
    split, lights = Split(), dict.fromkeys(Color.values, 0)
    for row in rows:
        split.add(row)
        lights[row["light"]] += row["n"]
    if plan.region_id is not None and plan.region_id in region_ids_in_scope(user):
        tasks = Task.objects.filter(plan=plan).count()  # as the plan page counts them, lines or not
    else:
        tasks = scoped.values("task_id").distinct().count()
    periods, current = report_figures(plan=plan, lines=scoped, expected=split.lines, today=today)
    return Dashboard(
        plan=plan,
        today=today,
        tasks=tasks,
        units=len({row["unit_id"] for row in rows}),
        split=split,
        lights=lights,
        sections=_by_section(plan, rows),
        top_units=_top_units(rows),
        overdue=_overdue(rows, today),
        periods=periods,
        current=current,
    )


def _by_section(plan: Plan, rows: list[dict]) -> list[Group]:
    """Lines per top-level heading: the grouped rows name the innermost section; climb the (short) tree."""
    tree = Section.objects.filter(plan=plan).values("id", "parent_id", "number", "title", "order")
    sections = {s["id"]: s for s in tree}

    def top(section_id: int | None) -> int | None:
        while section_id is not None and sections[section_id]["parent_id"] is not None:
            section_id = sections[section_id]["parent_id"]
        return section_id

    splits: dict[int | None, Split] = {}
    for row in rows:
        splits.setdefault(top(row["task__section_id"]), Split()).add(row)
    groups = []
    for key, split in splits.items():
        section = sections.get(key)
        if section is None:  # tasks under no heading
            groups.append(Group(None, "—", "—", split))
            continue
        full = f"{section['number']}、{section['title']}" if section["number"] else section["title"]
        groups.append(Group(key, section["number"] or section["title"][:6], full, split))
    return sorted(groups, key=lambda g: sections[g.key]["order"] if g.key in sections else 1 << 31)


def _top_units(rows: list[dict]) -> list[Group]:
    """The ``TOP_UNITS`` units with the most lines, in the official unit order among equals."""
    units: dict[int, tuple[dict, Split]] = {}
    for row in rows:
        units.setdefault(row["unit_id"], (row, Split()))[1].add(row)
    ranked = sorted(units.values(), key=lambda u: (-u[1].lines, u[0]["unit__order"], u[0]["unit_id"]))
    return [
        Group(row["unit_id"], row["unit__short_name"] or row["unit__name"], row["unit__name"], split)
        for row, split in ranked[:TOP_UNITS]
    ]


def _overdue(lines: list[dict], today: date) -> list[OverdueLine]:
    """The ``OVERDUE_LIST_MAX`` red lines overdue longest, then those red for another reason (reported
    未按期完成, reports missed). Every line's ``progress`` is read and the red ones picked here: with the red
    light as a filter in SQL, PostgreSQL read every line of every plan to find them (it misjudges the
    milestone subquery's cost), and a plan has only some hundreds of lines."""
    rows = [row for row in lines if row["progress"] == Progress.OVERDUE]

    def late(row: dict) -> bool:
        return row["light_cause"] == Cause.LATE

    rows.sort(key=lambda r: (not late(r), r["first_open"] if late(r) else date.max, r["unit__order"]))
    return [
        OverdueLine(
            assignment_id=row["pk"],
            unit=row["unit__name"],
            task_id=row["task_id"],
            task_text=row["task__text"],
            deadline=row["deadline_on"],
            overdue_since=row["first_open"] if late(row) else None,
            days=(today - row["first_open"]).days if late(row) else None,
            cause="" if late(row) else str(Cause(row["light_cause"]).label),
        )
        for row in rows[:OVERDUE_LIST_MAX]
    ]
