"""覆盖 (coverage) of an upper plan: for each of its tasks, which lower regions have a task carrying it out
(``TaskLink``), which direct child regions have none (缺项), and how far the covering lines have got.

Lower regions are the regions below the plan's region (a national plan: the provinces). A region covers a
task when a released plan (published or archived) of that region has a task linked to it — directly, or
through a chain of links (a district's task carrying out the city's task that carries out the province's).
The 缺项 are counted for the *direct* child regions only: a child counts as covered when its own plan or the
plan of any region below it carries the task out (a city that left a task to its districts has delegated
it, not dropped it); the grandchild appears in ``covered`` under its child.

Scope: a user sees the lower regions their region grants cover (a city office under a province plan sees
its own city and its districts, never a sibling city); the progress figures count the lines they may read.
Constant queries whatever the number of regions or tasks: the region table once, the links below the plan
once, then the covering tasks' progress once from the 任务进展快照 (``ledger.progress_snapshot``, kept by
the tick), the tasks it does not hold yet counted now in one query grouped by task.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import User
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.ledger.models import Assignment, TaskProgress
from taizhang.ledger.progress_snapshot import task_progress_counts
from taizhang.ledger.selectors import assignment_visible_q, section_paths
from taizhang.plans.models import Plan, Task, TaskLink
from taizhang.units.models import Region

_RELEASED = (Plan.Status.PUBLISHED, Plan.Status.ARCHIVED)
NO_SECTION = "—"


@dataclass(slots=True)
class Tally:
    """The covering lines of one region for one upper task: ``completed`` as the dashboard counts it
    (已完成 and 长期坚持), ``overdue`` the lines whose progress is 逾期 (``ledger.lights.Progress``)."""

    lines: int = 0
    completed: int = 0
    overdue: int = 0

    @property
    def rate(self) -> float | None:
        return round(100 * self.completed / self.lines, 1) if self.lines else None


@dataclass(frozen=True, slots=True)
class RegionRef:
    id: int
    name: str
    level: str


@dataclass(slots=True)
class Covering:
    """A lower region carrying out the task: its plans and tasks doing so, its lines' progress, and the
    direct child region of the plan's region it lies in (itself when it is one)."""

    region: RegionRef
    child_id: int
    plans: dict[int, str] = field(default_factory=dict)  # plan id → title
    task_numbers: list[str] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)


@dataclass(slots=True)
class TaskCoverage:
    task: Task
    section: str  # the top-level heading
    covered: list[Covering]
    missing: list[RegionRef]  # direct child regions with nothing below them carrying it out


@dataclass(frozen=True, slots=True)
class Cell:
    covered: int
    total: int

    @property
    def ratio(self) -> float:
        return self.covered / self.total if self.total else 0.0

    @property
    def shade(self) -> int:
        """0–4, for the cell's shading; the numbers are printed in the cell as well."""
        return 4 if self.covered == self.total else int(self.ratio * 4)


@dataclass(frozen=True)
class Coverage:
    plan: Plan
    children: list[RegionRef]  # the direct child regions in view, by name
    sections: list[str]
    tasks: list[TaskCoverage]
    matrix: list[tuple[RegionRef, list[Cell]]]  # child region → a cell per section
    as_of: datetime | None = None  # when the progress snapshot was taken; None: counted live

    @property
    def gaps(self) -> list[tuple[TaskCoverage, RegionRef]]:
        return [(row, region) for row in self.tasks for region in row.missing]


def coverage(*, user: User, plan: Plan, today: date, live: bool = False) -> Coverage:
    """The coverage of ``plan`` (checked with ``plans.selectors.plan_get``) as ``user`` may see it. 403 for
    a reader whose region grants cover neither the plan's region nor any region below it. ``live``: count
    the progress now even when the snapshot holds it."""
    scope = region_ids_in_scope(user)
    lines = Assignment.objects.filter(assignment_visible_q(user))
    found = _coverage(plan, today=today, scope=scope, lines=lines, live=live)
    if not found.children and plan.region_id not in scope:
        raise PermissionDenied
    return found


def coverage_all(*, plan: Plan, today: date) -> Coverage:
    """Every lower region and line: for system work (the ``coverage`` command run on the server)."""
    return _coverage(plan, today=today, scope=None, lines=Assignment.objects.all(), live=True)


def _coverage(plan: Plan, *, today: date, scope: Iterable[int] | None, lines, live: bool) -> Coverage:
    regions = {r["id"]: r for r in Region.objects.values("id", "parent_id", "name", "level")}
    kids: dict[int | None, list[int]] = defaultdict(list)
    for r in regions.values():
        kids[r["parent_id"]].append(r["id"])
    child_of: dict[int, int] = {}  # every region below the plan's → the direct child it lies in
    for child in kids[plan.region_id]:
        stack = [child]
        while stack:
            rid = stack.pop()
            child_of[rid] = child
            stack.extend(kids[rid])
    visible = set(child_of) if scope is None else set(child_of) & set(scope)

    refs: dict[int, RegionRef] = {}

    def ref(rid: int) -> RegionRef:
        if rid not in refs:
            refs[rid] = RegionRef(rid, regions[rid]["name"], regions[rid]["level"])
        return refs[rid]

    children = sorted((ref(c) for c in kids[plan.region_id] if c in visible), key=lambda r: r.name)

    tasks = list(Task.objects.filter(plan=plan).order_by("order"))
    paths = section_paths(plan_ids=[plan.pk])
    links = TaskLink.objects.filter(
        task__plan__region_id__in=sorted(child_of), task__plan__status__in=_RELEASED
    ).values_list(
        "upper_id", "task_id", "task__number", "task__plan_id", "task__plan__title", "task__plan__region_id"
    )
    below: dict[int, list[tuple]] = defaultdict(list)
    for row in links:
        below[row[0]].append(row)

    # Each upper task → (region → Covering), following the chain of links down.
    reach: dict[int, dict[int, Covering]] = {}
    lower_tasks: dict[int, set[int]] = defaultdict(set)  # lower task → the upper tasks of ``plan`` it serves
    region_of: dict[int, int] = {}  # lower task → its plan's region
    for task in tasks:
        found: dict[int, Covering] = {}
        seen, stack = {task.pk}, [task.pk]
        while stack:
            for _upper, lower, number, plan_id, title, rid in below[stack.pop()]:
                if lower in seen:
                    continue
                seen.add(lower)
                stack.append(lower)
                if rid not in visible:
                    continue
                covering = found.setdefault(rid, Covering(ref(rid), child_of[rid]))
                covering.plans[plan_id] = title
                covering.task_numbers.append(number)
                lower_tasks[lower].add(task.pk)
                region_of[lower] = rid
        reach[task.pk] = found

    plan_ids = {pid for found in reach.values() for c in found.values() for pid in c.plans}
    as_of = _tally(reach, lower_tasks, region_of, lines, plan_ids, today=today, live=live)

    rows, sections = [], []
    for task in tasks:
        path = paths.get(task.section_id) or [NO_SECTION]
        if path[0] not in sections:
            sections.append(path[0])
        found = reach[task.pk]
        covered_children = {c.child_id for c in found.values()}
        covered = sorted(found.values(), key=lambda c: (c.child_id != c.region.id, c.region.name))
        covered.sort(key=lambda c: regions[c.child_id]["name"])
        missing = [c for c in children if c.id not in covered_children]
        rows.append(TaskCoverage(task, path[0], covered, missing))
    by_section: dict[str, list[set[int]]] = defaultdict(list)  # section → each task's missing regions
    for row in rows:
        by_section[row.section].append({r.id for r in row.missing})
    matrix = []
    for child in children:
        cells = []
        for section in sections:
            hit = sum(1 for missing in by_section[section] if child.id not in missing)
            cells.append(Cell(hit, len(by_section[section])))
        matrix.append((child, cells))
    return Coverage(plan, children, sections, rows, matrix, as_of)


def _tally(reach, lower_tasks, region_of, lines, plan_ids, *, today: date, live: bool) -> datetime | None:
    """Add the covering tasks' progress to each ``Covering``: from the snapshot (one query; returns when it
    was taken), the tasks it does not hold yet (a plan published since) counted now, grouped by task in SQL
    (two more queries). The plans are named by id (the links gave them): asking for the plans of the lines
    evaluated the line filter once more (18 s of 20 at province scale)."""
    if not lower_tasks:
        return None
    counts: dict[int, tuple[int, int, int]] = {}
    as_of = None
    if not live:
        # By the covering plans (a few ids) rather than their thousands of tasks; one refresh writes one time.
        saved = TaskProgress.objects.filter(task__plan_id__in=sorted(plan_ids))
        counts = {
            task_id: (n, done, late)
            for task_id, n, done, late in saved.values_list("task_id", "lines", "completed", "overdue")
            if task_id in lower_tasks
        }
        if counts:
            as_of = saved.order_by("computed_at").values_list("computed_at", flat=True).first()
    missing = sorted(set(lower_tasks) - set(counts))
    if missing:
        plans = list(Plan.objects.filter(pk__in=sorted(plan_ids), published_at__isnull=False))
        counts.update(task_progress_counts(lines.filter(task_id__in=missing), today=today, plans=plans))
    for task_id, (n, done, late) in counts.items():
        for upper in lower_tasks[task_id]:
            covering = reach[upper].get(region_of[task_id])
            if covering is None:
                continue
            covering.tally.lines += n
            covering.tally.completed += done
            covering.tally.overdue += late
    return as_of
