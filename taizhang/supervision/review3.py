"""看效果、查进度、问原因: every ledger line of a plan sorted by where it stands — done lines are looked at
for their effect (the latest accepted narrative and the evidence), lines in progress are checked against
their milestones, lines not started or overdue are asked for a reason (``AssignmentExplanation``).

Where a line stands is the dashboard's ``progress`` (``ledger.lights.annotate_lines``, itself the traffic
light's rules in SQL), so the office, the dashboard and this page never disagree on a line. The lines are
read and counted in SQL; the details of a page of lines cost one query per bucket, whatever the rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.models import UNIT_ROLES, User
from taizhang.accounts.selectors import unit_scope_q
from taizhang.ledger.lights import Progress, annotate_lines
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_light, assignment_visible_q, attach_sent
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.periods import period_for
from taizhang.supervision.models import AssignmentExplanation
from taizhang.supervision.selectors import READERS

Situation = AssignmentExplanation.Situation


class Bucket(models.TextChoices):
    LOOK = "look", _("看效果")
    CHECK = "check", _("查进度")
    ASK = "ask", _("问原因")


BUCKET_PROGRESS = {
    Bucket.LOOK: (Progress.DONE,),
    Bucket.CHECK: (Progress.IN_PROGRESS,),
    Bucket.ASK: (Progress.NOT_STARTED, Progress.OVERDUE),
}
# The situation a line in the 问原因 bucket is asked about, by its progress.
SITUATION = {Progress.NOT_STARTED: Situation.NOT_STARTED, Progress.OVERDUE: Situation.OVERDUE}


def period_q(today: date, *, prefix: str = "") -> Q:
    """Explanations of the reporting period ``today`` falls in, by each line's plan cadence (``prefix`` is
    the path from the explanation's query to the line, ending in ``__``)."""
    return reduce(
        or_,
        (
            Q(
                **{
                    f"{prefix}task__plan__report_cadence": cadence,
                    "as_of__gte": period_for(today, cadence).start,
                }
            )
            for cadence in Plan.Cadence.values
        ),
    )


def with_progress(
    lines: QuerySet[Assignment], *, today: date, plans: Iterable[Plan] | None = None
) -> QuerySet[Assignment]:
    """``lines`` with ``progress`` (``ledger.lights.Progress``) and ``explained``: whether the unit has
    explained the line for the current reporting period (on this page or on a warning of the line; false
    for lines not asked). ``plans``: the lines' plans, when the caller has them
    (``ledger.lights.annotate_lines``)."""
    lines = annotate_lines(lines, today=today, plans=plans)
    given = AssignmentExplanation.objects.filter(
        period_q(today, prefix="assignment__"), assignment=OuterRef("pk")
    )
    return lines.annotate(
        explained=Case(
            When(progress__in=list(SITUATION), then=Exists(given)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def line_situation(assignment: Assignment, *, today: date) -> str | None:
    """The situation (``Situation`` value) ``assignment`` would be asked about today, or None when it is
    done or in progress: the same rule as the page's buckets."""
    progress = (
        with_progress(Assignment.objects.filter(pk=assignment.pk), today=today)
        .values_list("progress", flat=True)
        .get()
    )
    return SITUATION.get(progress)


def review3_lines(*, user: User, plan: Plan, today: date) -> QuerySet[Assignment]:
    """The lines of ``plan`` (checked with ``plans.selectors.plan_get``) of the units the user reads for
    the office (office, leaders, inspectors: their region), with ``progress`` and ``explained``."""
    lines = Assignment.objects.filter(
        assignment_visible_q(user), unit_scope_q(user, *READERS), task__plan=plan
    )
    return (
        with_progress(lines, today=today, plans=[plan])
        .select_related("task__plan", "unit")
        .order_by("task__order", "unit__order", "pk")
    )


def explanation_lines(*, user: User, today: date) -> QuerySet[Assignment]:
    """问原因 for a unit: its own lines (liaison, unit head) on published plans that are not started or
    overdue, with ``progress`` and ``explained``."""
    lines = Assignment.objects.filter(
        assignment_visible_q(user),
        unit_scope_q(user, *UNIT_ROLES),
        task__plan__status=Plan.Status.PUBLISHED,
    )
    return (
        with_progress(lines, today=today)
        .filter(progress__in=BUCKET_PROGRESS[Bucket.ASK])
        .select_related("task__plan", "unit")
        .order_by("task__plan_id", "task__order", "unit__order", "pk")
    )


@dataclass(frozen=True, slots=True)
class Counts:
    look: int = 0
    check: int = 0
    ask: int = 0
    ask_explained: int = 0  # lines asked about that have their reason

    @property
    def ask_missing(self) -> int:
        return self.ask - self.ask_explained

    @property
    def total(self) -> int:
        return self.look + self.check + self.ask


def review3_counts(lines: QuerySet[Assignment]) -> Counts:
    """Lines per bucket, and how many of those asked have given a reason: one grouped query."""
    tally = {bucket: 0 for bucket in Bucket}
    explained = 0
    rows = lines.values("progress", "explained").annotate(n=Count("pk")).order_by()
    for row in rows:
        bucket = next(b for b, progress in BUCKET_PROGRESS.items() if row["progress"] in progress)
        tally[bucket] += row["n"]
        if bucket == Bucket.ASK and row["explained"]:
            explained += row["n"]
    return Counts(tally[Bucket.LOOK], tally[Bucket.CHECK], tally[Bucket.ASK], explained)


def bucket_lines(lines: QuerySet[Assignment], bucket: str, *, missing_only: bool = False) -> QuerySet:
    chosen = lines.filter(progress__in=BUCKET_PROGRESS[Bucket(bucket)])
    return chosen.filter(explained=False) if missing_only else chosen


# ---- the details of one page of lines: one query each ----


def attach_effect(lines: Iterable[Assignment]) -> None:
    """看效果: ``effect`` (the latest accepted report) and ``evidence_count`` (files of all its accepted
    reports) on each line."""
    lines = list(lines)
    reports = (
        ProgressReport.objects.filter(
            assignment_id__in=[line.pk for line in lines], review_state=ReviewState.ACCEPTED
        )
        .annotate(files=Count("evidence"))
        .order_by("assignment_id", "-period_start")
    )
    latest: dict[int, ProgressReport] = {}
    files: dict[int, int] = {}
    for report in reports:
        latest.setdefault(report.assignment_id, report)
        files[report.assignment_id] = files.get(report.assignment_id, 0) + report.files
    for line in lines:
        line.effect = latest.get(line.pk)
        line.evidence_count = files.get(line.pk, 0)


def attach_milestones(lines: Iterable[Assignment], *, today: date) -> None:
    """查进度: the milestones (prefetched, one query), the periods reported (one query) and the traffic
    light on each line."""
    lines = list(lines)
    prefetch_related_objects(lines, "milestones")
    attach_sent(lines, today=today)
    for line in lines:
        line.light = assignment_light(line, today=today)
        line.milestone_rows = [(m, m.done_date is None and m.due_date < today) for m in line.milestones.all()]


def attach_explanations(lines: Iterable[Assignment], *, today: date) -> None:
    """问原因: ``situation`` (what the line is asked about) and ``explanation`` (the latest reason given
    for the current reporting period, here or on a warning, or None) on each line; ``earlier`` counts the
    other statements kept."""
    lines = list(lines)
    given = (
        AssignmentExplanation.objects.filter(assignment_id__in=[line.pk for line in lines])
        .annotate(
            current=Case(
                When(period_q(today, prefix="assignment__"), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related("given_by")
    )
    by_line: dict[int, list[AssignmentExplanation]] = {}
    for explanation in given:  # newest first (the model's ordering)
        by_line.setdefault(explanation.assignment_id, []).append(explanation)
    for line in lines:
        line.situation = SITUATION.get(line.progress)
        statements = by_line.get(line.pk, [])
        current = [e for e in statements if e.current]
        line.explanation = current[0] if current else None
        line.earlier = len(statements) - (1 if current else 0)
