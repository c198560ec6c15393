"""Several years of realistic progress for the demo, so the dashboard tells a story.

Written in bulk with the dates they would have had (an import of history, not user actions): each unit
has a diligence of its own, so some report on time and finish, some are late, a few fall behind; the
last quarter is still in review. One audit entry records the load, and the lines' latest accepted status
is refreshed once at the end (``reports.latest``), as accepting each report would have done.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.accounts.services import role_grant, user_create
from taizhang.audit.services import audit_record
from taizhang.ledger.models import Assignment, Milestone
from taizhang.plans.models import Plan
from taizhang.reports.latest import latest_accepted_refresh
from taizhang.reports.models import ProgressReport, ReportStep, ReviewState
from taizhang.reports.periods import plan_periods, report_due_date

Status = ProgressReport.Status
RETURN_REASON = "佐证材料不足，请补充会议纪要或文件依据后重新报送。"
NARRATIVES = {
    Status.NOT_STARTED: "已列入本单位年度工作计划，正在研究具体措施。",
    Status.IN_PROGRESS: "已召开专题会议部署，制定工作方案，明确责任人和时间节点，正按计划推进。",
    Status.DONE: "各项措施已落实到位，相关制度已印发执行，佐证材料已归档。",
    Status.ONGOING: "作为常态化工作长期坚持，本期按要求开展并形成记录。",
    Status.OVERDUE: "受人员调整影响进度滞后，已制定整改措施，力争下期完成。",
}


def load_history(plan: Plan, *, office: User, seed: int) -> int:
    """Reports and review steps for every line of ``plan`` and period up to its end. Returns the count."""
    rng = random.Random(seed)
    periods = [p for p in plan_periods(plan) if p.end < timezone.localdate()]
    lines = list(Assignment.objects.filter(task__plan=plan).select_related("task", "unit"))
    people = _unit_people(lines)
    diligence = {unit_id: rng.choice((0.97, 0.93, 0.9, 0.8, 0.6)) for unit_id in {a.unit_id for a in lines}}
    reports, steps = [], []
    with transaction.atomic():
        for line in lines:
            d = diligence[line.unit_id]
            ongoing = rng.random() < 0.35
            finish = None if rng.random() > d else rng.randrange(len(periods) // 3, len(periods))
            for k, period in enumerate(periods):
                if rng.random() > d + 0.05 and k < len(periods) - 1:
                    continue  # not reported this period
                status = _status(k, finish, ongoing, len(periods))
                due = report_due_date(period)
                late = rng.random() > d
                submitted = _at(
                    due + timedelta(days=rng.randint(3, 25)) if late else due - timedelta(rng.randint(1, 9))
                )
                last = k == len(periods) - 1
                report = ProgressReport(
                    assignment=line,
                    period_start=period.start,
                    period_end=period.end,
                    period_label=period.label,
                    status=status,
                    narrative=NARRATIVES[status],
                    late=late,
                )
                reports.append(report)
                steps.append((report, _trail(rng, people[line.unit_id], office, submitted, last)))
        ProgressReport.objects.bulk_create(reports, batch_size=2000)
        rows, stamps = [], []
        for report, trail in steps:
            report.review_state = trail[-1][1]
            for from_state, to_state, actor, at, reason in _walk(trail):
                rows.append(
                    ReportStep(
                        report=report, from_state=from_state, to_state=to_state, actor=actor, reason=reason
                    )
                )
                stamps.append(at)
        ProgressReport.objects.bulk_update(reports, ["review_state"], batch_size=2000)
        latest_accepted_refresh(lines=Assignment.objects.filter(task__plan=plan))
        created = ReportStep.objects.bulk_create(rows, batch_size=2000)
        _backdate(created, stamps)
        audit_record(
            actor=None,
            action="demo.history",
            obj=plan,
            after={"reports": len(reports), "steps": len(rows), "periods": len(periods)},
        )
    return len(reports)


def _status(k: int, finish: int | None, ongoing: bool, n: int) -> str:
    if ongoing:
        return Status.ONGOING if k else Status.IN_PROGRESS
    if finish is not None and k >= finish:
        return Status.DONE
    if k == 0:
        return Status.NOT_STARTED
    return Status.OVERDUE if k >= n - 2 and finish is None else Status.IN_PROGRESS


def _trail(rng, people, office, submitted: datetime, last: bool) -> list[tuple]:
    """(actor, state reached, when, reason) steps: submit → approve → accept, sometimes via a return."""
    liaison, head = people
    trail = [(liaison, ReviewState.SUBMITTED, submitted, "")]
    if rng.random() < 0.08:
        trail += [
            (
                office if rng.random() < 0.5 else head,
                ReviewState.RETURNED,
                submitted + timedelta(days=3),
                RETURN_REASON,
            ),
            (liaison, ReviewState.SUBMITTED, submitted + timedelta(days=5), ""),
        ]
    if last and rng.random() < 0.5:
        return trail  # the newest period: still waiting for the unit head
    trail.append((head, ReviewState.APPROVED, trail[-1][2] + timedelta(days=1), ""))
    if last and rng.random() < 0.5:
        return trail  # approved, waiting for the office
    trail.append((office, ReviewState.ACCEPTED, trail[-1][2] + timedelta(days=2), ""))
    return trail


def _walk(trail):
    state = ReviewState.DRAFT
    for actor, to_state, at, reason in trail:
        yield state, to_state, actor, at, reason
        state = to_state


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _backdate(created: list[ReportStep], stamps: list[datetime]) -> None:
    """``at`` is auto_now_add; history keeps the dates it had."""
    for step, at in zip(created, stamps, strict=True):
        step.at = at
    ReportStep.objects.bulk_update(created, ["at"], batch_size=2000)


def _unit_people(lines: list[Assignment]) -> dict[int, tuple[User, User]]:
    """A liaison and a head for every unit: the demo accounts where they exist, else staff with no login."""
    people: dict[int, tuple[User, User]] = {}
    grants = RoleGrant.objects.filter(unit__isnull=False).select_related("user")
    found = {(g.unit_id, g.role): g.user for g in grants}
    for unit in {a.unit for a in lines}:
        pair = []
        for role, title in ((Role.LIAISON, "联络员"), (Role.UNIT_HEAD, "负责人")):
            user = found.get((unit.pk, role))
            if user is None:
                user = user_create(
                    username=f"u{unit.pk}_{role}", display_name=f"{unit.name}{title}", unit=unit, actor=None
                )
                role_grant(user=user, role=role, unit=unit, actor=None)
            pair.append(user)
        people[unit.pk] = (pair[0], pair[1])
    return people


def decompose_demo_lines(plan: Plan, *, units: list[str]) -> None:
    """责任领导, 责任人, 履责要求 and two milestones on the demo units' lines, as their liaisons would."""
    lines = Assignment.objects.filter(task__plan=plan, unit__name__in=units)
    start, end = date(plan.period_start, 6, 30), date(plan.period_end, 12, 31)
    milestones = []
    for line in lines:
        line.responsible_leader = "分管副职"
        line.responsible_persons = ["科室负责人", "具体经办人"]
        line.duty_requirements = "细化工作措施，按季度报送进展，年底前形成总结报告。"
        line.work_standard = "制度文件印发执行，工作有部署、有检查、有记录。"
        milestones += [
            Milestone(assignment=line, title="制定工作方案", due_date=start, done_date=start, order=0),
            Milestone(assignment=line, title="全面落实并总结", due_date=end, order=1),
        ]
    Assignment.objects.bulk_update(
        lines, ["responsible_leader", "responsible_persons", "duty_requirements", "work_standard"]
    )
    Milestone.objects.bulk_create(milestones)


def date_as_issued(plan: Plan) -> None:
    """The plan published on 15 January of its first year and its lines made a few days before, as if the
    office had set the ledger up when the plan was issued (the history that follows is of those years):
    the traffic light counts the days to decompose and the periods owed from then."""
    issued = timezone.make_aware(datetime.combine(date(plan.period_start, 1, 15), time(9)))
    Plan.objects.filter(pk=plan.pk).update(published_at=issued)
    Assignment.objects.filter(task__plan=plan).update(created_at=issued - timedelta(days=5))
    plan.refresh_from_db(fields=["published_at"])


def decompose_most_lines(plan: Plan, *, seed: int, share: float = 0.8) -> int:
    """责任人 and a first 进度目标 (met) on the lines of ``share`` of the units not yet decomposed, as most
    liaisons would have done in the first weeks; the other units' open lines show 黄灯 (未分解). Returns the
    number of lines decomposed."""
    rng = random.Random(seed)
    lines = Assignment.objects.filter(task__plan=plan, responsible_persons=[]).select_related("unit")
    units = sorted({line.unit_id for line in lines})
    chosen = set(rng.sample(units, round(len(units) * share)))
    start = date(plan.period_start, 3, 31)
    done = [line for line in lines if line.unit_id in chosen]
    for line in done:
        line.responsible_persons = ["分管副职", "具体经办人"]
    Assignment.objects.bulk_update(done, ["responsible_persons"], batch_size=2000)
    Milestone.objects.bulk_create(
        (
            Milestone(assignment=line, title="制定工作方案", due_date=start, done_date=start, order=0)
            for line in done
        ),
        batch_size=2000,
    )
    return len(done)


def finish_milestones(plan: Plan) -> int:
    """The past-due open milestones of lines the history reports done (已完成) or carried on (长期坚持) were
    met on their due date, as those lines' liaisons would have ticked them; only the lines that fell behind
    keep an overdue milestone, so the warnings (and their notifications) point at them. Returns the number
    ticked."""
    finished = (ProgressReport.Status.DONE, ProgressReport.Status.ONGOING)
    milestones = list(
        Milestone.objects.filter(
            assignment__task__plan=plan,
            assignment__latest_accepted_status__in=finished,
            done_date__isnull=True,
            due_date__lt=timezone.localdate(),
        )
    )
    for milestone in milestones:
        milestone.done_date = milestone.due_date
    Milestone.objects.bulk_update(milestones, ["done_date"])
    return len(milestones)
