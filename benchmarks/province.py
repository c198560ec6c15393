"""A province-sized ledger for the benchmarks, written straight into the tables with ``bulk_create`` (the
millions of reports as plain rows, see ``province_reports``), not through the per-object services.

Shape at scale 1: one province, 10 cities, 15 districts; 150 units in the province, 80 in each city, 50 in
each district; per region an office admin (惩防办) and a leader, per unit a liaison and a unit head, each
with their role grant; 150 published plans (8 provincial, the rest spread over the cities and districts) of
about 130 tasks each in 6 sections × 2 sub-sections, as ``benchmarks.plans`` lays a plan out; about 5 units
per task (one lead, sometimes two, and cooperating units), drawn so that a few units — the 纪委监委 first —
carry far more lines than the rest; milestones on about 60% of lines; and a monthly report on every line for
each of the 36 months before the current one, in the states a live ledger has: old months accepted, the last
ones still moving through review, a few returned, a few late. Each plan's lines then get their latest
accepted status (``reports.latest.latest_accepted_refresh``), as accepting reports one by one would give them.

Deliberately left out, and why: audit events (the services write one per change; this bypasses them), review
steps older than three months (kept for the last three only: ten million rows no measured page reads), and
evidence files. ``--scale`` shrinks the number of plans only, so one plan's pages cost the same at any scale.

Deterministic for a seed and a ``today``; dates are relative to ``today``, so the traffic lights, late marks
and the report due this month are what a live ledger would show. Meant for a fresh, migrated database.
"""

from __future__ import annotations

import itertools
import random
import time
from bisect import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from benchmarks.plans import WORDS
from benchmarks.province_names import CITIES, DISTRICTS, PROVINCE, person, unit_names
from benchmarks.province_reports import ReportRows
from taizhang.accounts.grants import grant_seal
from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.accounts.services import api_token_create
from taizhang.ledger.models import Assignment, Milestone
from taizhang.plans.models import Plan, Section, Task
from taizhang.reports.latest import latest_accepted_refresh
from taizhang.reports.models import ProgressReport, ReportStep
from taizhang.reports.periods import Period, period_for
from taizhang.units.models import Region, Unit

SEED = 2024
PLANS = 150
PROVINCE_PLANS = 8
MONTHS = 36
BIG_PLAN_TASKS = 160  # the plan whose pages are timed: the top of the ~130 range
SMALL_PLAN_TASKS = 12  # the plan that shows the query count does not grow with tasks
UNITS = {Region.Level.PROVINCE: 150, Region.Level.CITY: 80, Region.Level.DISTRICT: 50}
BATCH = 1000
CN = "一二三四五六七八九十"
MONTH = Plan.Cadence.MONTH
GENERATED = (
    Region,
    Unit,
    User,
    RoleGrant,
    Plan,
    Section,
    Task,
    Assignment,
    Milestone,
    ProgressReport,
    ReportStep,
)

_PLAN_TITLES = (
    "建立健全惩治和预防腐败体系{a}—{b}年工作规划责任分解",
    "党风廉政建设和反腐败工作任务分工方案",
    "落实全面从严治党主体责任清单",
    "廉洁文化建设实施方案任务分解",
    "群众身边不正之风和腐败问题集中整治工作方案",
    "重点领域廉政风险防控工作方案",
)


@dataclass
class Dataset:
    """What the benchmarks need to know about the generated province."""

    seconds: float
    counts: dict[str, int]
    office_admin_id: int  # the province's 惩防办 admin
    leader_id: int  # the province's leader
    big_plan: tuple[int, int, int]  # (id, tasks, lines)
    small_plan: tuple[int, int, int]
    busy_unit: tuple[int, str, int]  # (id, name, lines)
    busy_liaison_id: int
    quiet_unit: tuple[int, str, int]
    quiet_liaison_id: int
    api_token: str  # the busy liaison's
    api_assignment_ids: list[int]  # the busy unit's lines, for report submissions
    current_period: Period = field(repr=False)


def generate(*, scale: float = 1.0, seed: int = SEED, today: date | None = None) -> Dataset:
    if Plan.objects.exists() or Unit.objects.exists():
        raise RuntimeError("province.generate() needs an empty database")
    started = time.perf_counter()
    province = _Province(seed=seed, today=today or timezone.localdate())
    dataset = province.build(scale)
    dataset.seconds = time.perf_counter() - started
    return dataset


class _Province:
    def __init__(self, *, seed: int, today: date):
        self.rng = random.Random(seed)
        self.today = today
        current = date(today.year, today.month, 1)
        self.current_period = period_for(current, MONTH)
        day, months = current, []
        for _ in range(MONTHS):
            day = (day - timedelta(days=1)).replace(day=1)
            months.append(period_for(day, MONTH))
        self.months: list[Period] = months[::-1]
        self.ids: dict[type, itertools.count] = defaultdict(lambda: itertools.count(1))
        self.counts: Counter[str] = Counter()
        self.unit_lines: dict[int, list[int]] = defaultdict(list)
        narratives = [self._phrase(8, 40) + "。" for _ in range(400)]
        self.reports = ReportRows(rng=self.rng, months=self.months, narratives=narratives)

    # ---- plumbing ----

    def _id(self, model: type[models.Model]) -> int:
        return next(self.ids[model])

    def _save(self, objs: list[models.Model]) -> None:
        if objs:
            type(objs[0]).objects.bulk_create(objs, batch_size=BATCH)
            self.counts[type(objs[0]).__name__] += len(objs)

    def _phrase(self, lo: int, hi: int) -> str:
        return "".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(lo, hi)))

    def _at(self, day: date) -> datetime:
        return timezone.make_aware(datetime.combine(day, clock(9)))

    # ---- who and where ----

    def _people(self) -> None:
        rng = self.rng
        top = Region(id=self._id(Region), name=PROVINCE, level=Region.Level.PROVINCE)
        cities = [Region(id=self._id(Region), name=n, level=Region.Level.CITY, parent=top) for n in CITIES]
        districts = [
            Region(id=self._id(Region), name=n, level=Region.Level.DISTRICT, parent=city)
            for i, city in enumerate(cities)
            for n in DISTRICTS[: 2 if i < 5 else 1]
        ]
        self.regions = [top, *cities, *districts]
        self._save(self.regions)
        units, users, grants = [], [], []
        self.region_units: dict[int, list[int]] = {}
        self.unit_users: dict[int, tuple[int, int]] = {}  # unit -> (liaison, head)
        self.region_admin: dict[int, int] = {}
        self.unit_name: dict[int, str] = {}

        def user(unit_id: int, username: str) -> int:
            uid = self._id(User)
            users.append(
                User(id=uid, username=username, password="!", display_name=person(rng), unit_id=unit_id)
            )
            return uid

        def grant(uid: int, role: Role, *, unit: int | None = None, region: int | None = None) -> None:
            seal = grant_seal(uid, role, unit, region)  # an unsealed grant gives no access
            grants.append(
                RoleGrant(
                    id=self._id(RoleGrant), user_id=uid, role=role, unit_id=unit, region_id=region, seal=seal
                )
            )

        for region in self.regions:
            district = region.level == Region.Level.DISTRICT
            prefix = f"{region.parent.name}{region.name}" if district else region.name
            names = unit_names(prefix, UNITS[region.level], province=region.parent is None)
            ids = []
            for order, (name, kind) in enumerate(names, 1):
                unit = Unit(id=self._id(Unit), region=region, name=name, kind=kind, order=order)
                units.append(unit)
                ids.append(unit.id)
                self.unit_name[unit.id] = name
                liaison, head = user(unit.id, f"u{unit.id}-liaison"), user(unit.id, f"u{unit.id}-head")
                grant(liaison, Role.LIAISON, unit=unit.id)
                grant(head, Role.UNIT_HEAD, unit=unit.id)
                self.unit_users[unit.id] = (liaison, head)
            self.region_units[region.id] = ids
            admin, leader = user(ids[0], f"r{region.id}-admin"), user(ids[1], f"r{region.id}-leader")
            grant(admin, Role.OFFICE_ADMIN, region=region.id)
            grant(leader, Role.LEADER, region=region.id)
            self.region_admin[region.id] = admin
            if region.parent is None:
                self.office_admin_id, self.leader_id = admin, leader
        # A few units carry most lines (the 纪委监委 first, as in real plans): Zipf-like weights.
        self.cum_weights = {
            rid: list(itertools.accumulate(1 / rank**0.9 for rank in range(1, len(ids) + 1)))
            for rid, ids in self.region_units.items()
        }
        self._save(units)
        self._save(users)
        self._save(grants)

    # ---- plans ----

    def _deadline(self) -> tuple[str, date | None]:
        rng, r = self.rng, self.rng.random()
        if r < 0.25:
            return "", None
        if r < 0.45:
            return "长期坚持", None
        if r < 0.55:
            return "每年12月底前", None
        if r < 0.58:  # due within the warning window
            day = self.today + timedelta(days=rng.randint(0, 7))
            return f"{day.year}年{day.month}月{day.day}日前", day
        first = self.months[6].end
        day = first + timedelta(days=rng.randint(0, (self.today - first).days + 540))
        end = period_for(day, MONTH).end
        return f"{end.year}年{end.month}月底前", end

    def _units_for(self, region_id: int, count: int) -> list[int]:
        ids, cum = self.region_units[region_id], self.cum_weights[region_id]
        picked: list[int] = []
        while len(picked) < count:
            unit = ids[bisect(cum, self.rng.random() * cum[-1])]
            if unit not in picked:
                picked.append(unit)
        return picked

    def _plan(self, region: Region, n_tasks: int) -> tuple[int, int]:
        rng = self.rng
        start = self.months[0].start.year
        plan = Plan(
            id=self._id(Plan),
            title=region.name + rng.choice(_PLAN_TITLES).format(a=start, b=start + 4),
            issuer=f"中共{region.name}纪律检查委员会",
            level=region.level,
            region=region,
            period_start=start,
            period_end=start + 4,
            status=Plan.Status.PUBLISHED,
            report_cadence=MONTH,
            version=2,
            published_at=self._at(self.months[0].start - timedelta(days=rng.randint(3, 25))),
        )
        plan.doc_number = f"{region.name[:2]}纪发〔{start}〕{plan.id}号"
        plan.source_name = f"{plan.title}.docx"
        order = itertools.count(1)
        per_sub = [n_tasks // 12 + int(i < n_tasks % 12) for i in range(12)]  # 12 sub-sections
        sections, tasks, lines, milestones = [], [], [], []
        for s in range(6):
            top = Section(
                id=self._id(Section), plan=plan, number=CN[s], title=self._phrase(3, 6), order=next(order)
            )
            sections.append(top)
            for sub in range(2):
                sec = Section(
                    id=self._id(Section),
                    plan=plan,
                    parent=top,
                    number=CN[sub],
                    title=self._phrase(4, 8),
                    order=next(order),
                )
                sections.append(sec)
                for t in range(1, per_sub[2 * s + sub] + 1):
                    text, when = self._deadline()
                    task = Task(
                        id=self._id(Task),
                        plan=plan,
                        section=sec,
                        number=str(t),
                        order=next(order),
                        key=f"{CN[s]}/{CN[sub]}/{t}",
                        deadline_text=text,
                        deadline_date=when,
                        text="，".join(self._phrase(3, 8) for _ in range(rng.randint(1, 4))) + "。",
                    )
                    tasks.append(task)
                    lines += self._lines(task, region.id, milestones)
        reports, steps = self.reports.for_lines(
            lines, users=self.unit_users, office_admin=self.region_admin[region.id]
        )
        with transaction.atomic():
            for objs in ([plan], sections, tasks, lines, milestones):
                self._save(objs)
            self.reports.write(reports, steps)
            latest_accepted_refresh(lines=Assignment.objects.filter(task__plan_id=plan.id))  # as accept does
        self.counts["ProgressReport"] += len(reports)
        self.counts["ReportStep"] += len(steps)
        return plan.id, len(lines)

    def _lines(self, task: Task, region_id: int, milestones: list[Milestone]) -> list[Assignment]:
        rng = self.rng
        units = self._units_for(region_id, 1 + rng.randint(2, 6))
        leads = 2 if rng.random() < 0.1 else 1
        lines = []
        for j, unit_id in enumerate(units):
            line = Assignment(
                id=self._id(Assignment),
                task=task,
                unit_id=unit_id,
                role=Assignment.Role.LEAD if j < leads else Assignment.Role.COOPERATING,
                version=rng.randint(1, 3),
            )
            if rng.random() < 0.7:
                line.responsible_leader = person(rng)
                line.responsible_persons = list(dict.fromkeys(person(rng) for _ in range(rng.randint(1, 2))))
            if rng.random() < 0.5:
                line.duty_requirements = self._phrase(6, 20) + "。"
                line.work_standard = self._phrase(4, 12) + "。"
            if task.deadline_date and rng.random() < 0.2:
                line.deadline = task.deadline_date - timedelta(days=rng.randint(0, 60))
            if rng.random() < 0.6:
                milestones += self._milestones(line)
            lines.append(line)
            self.unit_lines[unit_id].append(line.id)
        return lines

    def _milestones(self, line: Assignment) -> list[Milestone]:
        rng, first = self.rng, self.months[0].start
        span = (self.today - first).days + 365
        dues = sorted(first + timedelta(days=rng.randint(0, span)) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.05:
            dues[-1] = self.today + timedelta(days=rng.randint(0, 7))  # a yellow light
        out = []
        for order, due in enumerate(dues):
            done = None
            if due < self.today and rng.random() < 0.85:
                done = min(self.today, due + timedelta(days=rng.randint(-20, 10)))
            out.append(
                Milestone(
                    id=self._id(Milestone),
                    assignment=line,
                    title=self._phrase(3, 7),
                    due_date=due,
                    done_date=done,
                    order=order,
                )
            )
        return out

    # ---- the whole province ----

    def build(self, scale: float) -> Dataset:
        rng = self.rng
        with transaction.atomic():
            self._people()
        n_plans = max(2, round(PLANS * scale))
        n_top = max(2, round(n_plans * PROVINCE_PLANS / PLANS))
        top, others = self.regions[0], self.regions[1:]
        big = self._plan(top, BIG_PLAN_TASKS)
        small = self._plan(top, SMALL_PLAN_TASKS)
        for i in range(n_plans - 2):
            region = top if i < n_top - 2 else others[(i - n_top + 2) % len(others)]
            self._plan(region, rng.randint(100, 160))
        _reset_sequences()
        counts = Counter({unit: len(lines) for unit, lines in self.unit_lines.items()})
        busy_id, busy_lines = max(counts.items(), key=lambda kv: (kv[1], -kv[0]))
        quiet_id, quiet_lines = min(
            ((u, n) for u, n in counts.items() if u in self.region_units[top.id]),
            key=lambda kv: (kv[1], kv[0]),
        )
        busy_liaison = self.unit_users[busy_id][0]
        _, raw = api_token_create(user=User.objects.get(pk=busy_liaison), name="benchmark", actor=None)
        return Dataset(
            seconds=0.0,
            counts=dict(self.counts),
            office_admin_id=self.office_admin_id,
            leader_id=self.leader_id,
            big_plan=(big[0], BIG_PLAN_TASKS, big[1]),
            small_plan=(small[0], SMALL_PLAN_TASKS, small[1]),
            busy_unit=(busy_id, self.unit_name[busy_id], busy_lines),
            busy_liaison_id=busy_liaison,
            quiet_unit=(quiet_id, self.unit_name[quiet_id], quiet_lines),
            quiet_liaison_id=self.unit_users[quiet_id][0],
            api_token=raw,
            api_assignment_ids=self.unit_lines[busy_id],
            current_period=self.current_period,
        )


def _reset_sequences() -> None:
    """Rows were written with explicit ids; PostgreSQL's sequences must catch up (SQLite's need not)."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), GENERATED):
            cursor.execute(sql)
