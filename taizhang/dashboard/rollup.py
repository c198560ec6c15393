"""汇总 (roll-up): a province's or a city's child regions side by side for one year — completion, lights,
overdue lines, reports on time, findings and rectification, assessment — and, one level down, a region's
own units (本级) side by side.

Every figure keeps the meaning it has elsewhere: completion and lights from ``ledger.lights`` (as the
dashboard), reports on time as the dashboard's 按时报送 (sent on time out of the reports the periods owed by
today ask for: ``reports.periods.periods_owed``), findings and rectification items as their ledgers show
them (``finding_visible_q``, ``rectification_visible_q``), the assessment as published.

The year's lines are those of the released plans in force that year (``period_start ≤ year ≤
period_end``), of the units in the region's subtree that the user may read. Each figure is one grouped query
over the whole subtree, split by region in Python: the number of queries does not grow with the regions.

The rows read the 地区汇总快照 (``dashboard.rollup_snapshot``: each unit's figures for the year, refreshed by
the tick), summed by region, when there is one, and say when it was taken (``Rollup.as_of``): judging every
line's light of a province's year live takes seconds. Without one, they are counted live.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Avg, Count, Min, Q, Sum
from django.http import Http404

from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import User
from taizhang.accounts.scope import user_scope
from taizhang.accounts.selectors import region_ids_in_scope, unit_scope_q
from taizhang.assessment.models import AssessedUnit, Assessment, Grade
from taizhang.dashboard.models import UnitYearSummary
from taizhang.inspections.models import Finding
from taizhang.inspections.selectors import finding_visible_q
from taizhang.ledger.lights import DONE_STATUSES, Progress, annotate_lines
from taizhang.ledger.models import Assignment
from taizhang.ledger.rules import Color
from taizhang.ledger.selectors import assignment_visible_q
from taizhang.plans.models import Plan
from taizhang.rectification.models import RectificationItem, RectState
from taizhang.rectification.selectors import rectification_visible_q
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.periods import periods_owed
from taizhang.units.models import Region, Unit

_RELEASED = (Plan.Status.PUBLISHED, Plan.Status.ARCHIVED)
OWN = "own"  # the row of the region's own units (本级)


@dataclass(slots=True)
class Row:
    """One region (its whole subtree), the region's own units together (``kind == OWN``), or one unit."""

    key: int
    name: str
    kind: str  # "region", OWN or "unit"
    lines: int = 0
    completed: int = 0
    overdue: int = 0
    lights: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Color.values, 0))
    expected: int = 0  # reports owed by today for periods of the year
    on_time: int = 0
    sent: int = 0
    findings: int = 0
    rect_open: int = 0
    rect_closed: int = 0
    assessment: str = ""  # the latest published assessment's result, in words
    score: Decimal | None = None

    @property
    def rate(self) -> float | None:
        return round(100 * self.completed / self.lines, 1) if self.lines else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * min(self.on_time, self.expected) / self.expected, 1) if self.expected else None


@dataclass(frozen=True)
class Rollup:
    region: Region
    year: int
    units: bool  # rows are the region's own units
    rows: list[Row]
    path: list[Region]  # from the user's top region down to ``region``, for the way back up
    as_of: datetime | None = None  # when the snapshot the rows come from was taken; None: counted live


def rollup_regions(*, user: User) -> list[int]:
    """The regions a leader or office may roll up: their region grants and everything below."""
    return sorted(region_ids_in_scope(user, *OFFICE_SIDE))


def rollup(
    *,
    user: User,
    year: int,
    today: date,
    region_id: int | None = None,
    units: bool = False,
    live: bool = False,
) -> Rollup:
    """The roll-up of ``region_id`` (default: the user's highest region) for ``year``; 404 for a region
    outside the user's office-side grants, so a district never sees another's. ``live``: count the
    regions' rows now even when a snapshot of the year is there."""
    regions = {r.pk: r for r in Region.objects.all()}
    kids: dict[int | None, list[int]] = defaultdict(list)
    for r in regions.values():
        kids[r.parent_id].append(r.pk)
    allowed = _below(_granted_regions(user), kids)
    if region_id is None:
        tops = sorted(
            (regions[r] for r in allowed if regions[r].parent_id not in allowed), key=lambda r: r.name
        )
        region_id = tops[0].pk if tops else None
    if region_id not in allowed:
        raise Http404
    region = regions[region_id]
    units = units or not kids[region_id]
    # group: the region a unit's region falls in → the row's key
    group: dict[int, int] = {region_id: region_id}
    for child in kids[region_id]:
        stack = [child]
        while stack:
            rid = stack.pop()
            group[rid] = child
            stack.extend(kids[rid])

    if units:
        # ``region_id`` is under a region grant of the user: every unit of it is in scope.
        unit_rows = Unit.objects.filter(region_id=region_id).order_by("order", "name")
        rows = {u.pk: Row(u.pk, u.short_name or u.name, "unit") for u in unit_rows}
        subtree, key_of = [region_id], "unit_id"
    else:
        rows = {region_id: Row(region_id, region.name, OWN)}
        for child in sorted(kids[region_id], key=lambda c: regions[c].name):
            rows[child] = Row(child, regions[child].name, "region")
        subtree, key_of = sorted(group), "unit__region_id"

    def row_of(value: int) -> Row | None:
        return rows.get(value if units else group.get(value))

    if live:
        as_of = None
    elif units:
        as_of = _from_snapshot(row_of, "unit_id", Q(unit_id__in=list(rows)), year=year)
    else:
        as_of = _from_snapshot(row_of, "unit__region_id", Q(unit__region_id__in=subtree), year=year)
    if as_of is None:
        lines = Assignment.objects.filter(assignment_visible_q(user), unit_scope_q(user))
        if units:
            lines = lines.filter(unit_id__in=list(rows))
        count_live(
            row_of,
            lines,
            Q(finding_visible_q(user)),
            Q(rectification_visible_q(user)),
            subtree,
            key_of=key_of,
            year=year,
            today=today,
        )
    if units:
        _unit_assessments(rows, year=year)
    else:
        _region_assessments(rows, year=year)

    path, at = [], region
    while at is not None and at.pk in allowed:
        path.insert(0, at)
        at = regions.get(at.parent_id)
    shown = [r for r in rows.values() if r.kind != OWN or _has_figures(r)]
    return Rollup(region, year, units, shown, path, as_of)


SNAPSHOT_FIGURES = (
    "lines", "completed", "overdue", "expected", "on_time", "sent", "findings", "rect_open", "rect_closed"
)  # fmt: skip


def _from_snapshot(row_of, key_of: str, units_q: Q, *, year: int) -> datetime | None:
    """Add the snapshot's figures of the units ``units_q`` picks to the rows ``row_of`` names (by ``key_of``,
    the unit or its region), summed in SQL: one query. None (and nothing added) when the year has no
    snapshot of them."""
    sums = {name: Sum(name) for name in (*SNAPSHOT_FIGURES, *Color.values)}
    saved = (
        UnitYearSummary.objects.filter(units_q, year=year)
        .values(key_of)
        .annotate(taken=Min("computed_at"), **sums)
        .order_by()
    )
    as_of = None
    for item in saved:
        as_of = item["taken"] if as_of is None else min(as_of, item["taken"])
        if (row := row_of(item[key_of])) is None:
            continue
        for name in SNAPSHOT_FIGURES:
            setattr(row, name, getattr(row, name) + item[name])
        for color in Color.values:
            row.lights[color] += item[color]
    return as_of


def count_live(row_of, lines, finding_q: Q, rect_q: Q, subtree, *, key_of: str, year: int, today: date):
    """Lines, lights, reports, findings and rectification of ``subtree``'s units for ``year``, counted now
    into the rows ``row_of`` names (by ``key_of``, the line's unit or its unit's region): four queries.
    ``lines``, ``finding_q``, ``rect_q``: what the reader may see."""
    plans = list(
        Plan.objects.filter(
            status__in=_RELEASED, published_at__isnull=False, period_start__lte=year, period_end__gte=year
        )
    )
    lines = lines.filter(unit__region_id__in=subtree, task__plan_id__in=[p.pk for p in plans])
    _lines(row_of, lines, plans, key_of=key_of, year=year, today=today)
    _reports(row_of, lines, key_of=f"assignment__{key_of}", year=year)
    _findings(row_of, finding_q, rect_q, subtree, key_of=key_of, year=year)


def _granted_regions(user: User) -> frozenset[int]:
    scope = user_scope(user)
    return scope.granted(OFFICE_SIDE)[1] if scope is not None else frozenset()


def _below(region_ids, kids: dict[int | None, list[int]]) -> set[int]:
    """``region_ids`` and every region below them, from the region table already read (``region_ids_in_scope``
    reads one level a query: the count would grow with the depth of the reader's tree)."""
    found, stack = set(), list(region_ids)
    while stack:
        rid = stack.pop()
        if rid not in found:
            found.add(rid)
            stack.extend(kids[rid])
    return found


def _has_figures(row: Row) -> bool:
    """The 本级 row is shown only when the region's own units have something to show."""
    return bool(row.lines or row.findings or row.rect_open or row.rect_closed or row.score is not None)


def _lines(row_of, lines, plans, *, key_of: str, year: int, today: date) -> None:
    """Completion, lights, overdue and the reports owed: one grouped query."""
    owed = {
        p.pk: sum(1 for period in periods_owed(p, today=today) if period.start.year == year) for p in plans
    }
    tallied = (
        annotate_lines(lines, today=today, plans=plans)
        .values(key_of, "task__plan_id", "light", "progress", "latest_accepted_status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for item in tallied:
        row = row_of(item[key_of])
        if row is None:
            continue
        n = item["n"]
        row.lines += n
        row.lights[item["light"]] += n
        row.completed += n if item["latest_accepted_status"] in DONE_STATUSES else 0
        row.overdue += n if item["progress"] == Progress.OVERDUE else 0
        row.expected += n * owed[item["task__plan_id"]]


def _reports(row_of, lines, *, key_of: str, year: int) -> None:
    sent = (
        ProgressReport.objects.filter(assignment__in=lines.values("pk"), period_start__year=year)
        .exclude(review_state=ReviewState.DRAFT)
        .values(key_of)
        .annotate(on_time=Count("pk", filter=Q(late=False)), sent=Count("pk"))
        .order_by()
    )
    for item in sent:
        if (row := row_of(item[key_of])) is not None:
            row.on_time += item["on_time"]
            row.sent += item["sent"]


def _findings(row_of, finding_q: Q, rect_q: Q, subtree, *, key_of: str, year: int) -> None:
    found = (
        Finding.objects.filter(finding_q, unit__region_id__in=subtree, found_on__year=year)
        .values(key_of)
        .annotate(n=Count("pk"))
        .order_by()
    )
    for item in found:
        if (row := row_of(item[key_of])) is not None:
            row.findings += item["n"]
    items = (
        RectificationItem.objects.filter(rect_q, unit__region_id__in=subtree, deadline__year=year)
        .values(key_of)
        .annotate(
            closed=Count("pk", filter=Q(state=RectState.CLOSED)),
            open=Count("pk", filter=~Q(state=RectState.CLOSED)),
        )
        .order_by()
    )
    for item in items:
        if (row := row_of(item[key_of])) is not None:
            row.rect_closed += item["closed"]
            row.rect_open += item["open"]


_GRADES = dict(Grade.choices)


def _region_assessments(rows: dict[int, Row], *, year: int) -> None:
    """Each region's latest assessment of the year published: its units' mean total and grade counts.
    Two queries."""
    latest: dict[int, int] = {}
    published = Assessment.objects.filter(
        region_id__in=list(rows), year=year, state=Assessment.State.PUBLISHED
    ).order_by("region_id", "-published_at", "-pk")
    for region_id, pk in published.values_list("region_id", "pk"):
        latest.setdefault(region_id, pk)
    region_of = {pk: region_id for region_id, pk in latest.items()}
    means = (
        AssessedUnit.objects.filter(assessment_id__in=list(region_of))
        .values("assessment_id", "grade")
        .annotate(n=Count("pk"), mean=Avg("total"))
        .order_by()
    )
    grades: dict[int, dict[str, int]] = defaultdict(dict)
    totals: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for item in means:
        region_id = region_of[item["assessment_id"]]
        if item["grade"]:
            grades[region_id][item["grade"]] = item["n"]
        if item["mean"] is not None:
            totals[region_id].append((item["n"], Decimal(item["mean"])))
    for region_id, parts in totals.items():
        n = sum(count for count, _ in parts)
        rows[region_id].score = round(sum(count * mean for count, mean in parts) / n, 1)
    for region_id, counts in grades.items():
        rows[region_id].assessment = " ".join(
            f"{_GRADES[g]} {counts[g]}" for g in Grade.values if counts.get(g)
        )


def _unit_assessments(rows: dict[int, Row], *, year: int) -> None:
    """Each unit's grade and total in the latest assessment of the year published: one query."""
    assessed = AssessedUnit.objects.filter(
        unit_id__in=list(rows), assessment__year=year, assessment__state=Assessment.State.PUBLISHED
    ).order_by("unit_id", "-assessment__published_at", "-pk")
    seen = set()
    for unit_id, grade, total in assessed.values_list("unit_id", "grade", "total"):
        if unit_id in seen:
            continue
        seen.add(unit_id)
        rows[unit_id].assessment = str(_GRADES.get(grade, ""))
        rows[unit_id].score = total
