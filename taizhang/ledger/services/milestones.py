"""milestone_set and milestone_done: the line's milestones (进度目标), edited under the line's version."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record
from taizhang.ledger.models import Assignment, Milestone
from taizhang.ledger.rules import line_deadline
from taizhang.ledger.services.assignments import check_writable
from taizhang.lib.concurrency import save_versioned

MAX_MILESTONES = 30


@dataclass(frozen=True, slots=True)
class MilestoneIn:
    """One milestone as the unit enters it."""

    title: str
    due_date: date
    done_date: date | None = None


def clean_milestones(milestones: list[MilestoneIn], *, deadline: date | None) -> list[MilestoneIn]:
    """The milestones with titles trimmed, or a ValidationError listing every problem. ``deadline`` is the
    line's (else the task's): ``assignment_decompose`` passes the one being saved with them."""
    if len(milestones) > MAX_MILESTONES:
        raise ValidationError(f"进度目标最多 {MAX_MILESTONES} 项。")
    today = timezone.localdate()
    cleaned, problems = [], []
    for n, item in enumerate(milestones, start=1):
        title = item.title.strip()
        if not title or len(title) > 200:
            problems.append(f"第 {n} 项：目标不能为空，且不超过 200 字。")
        if deadline and item.due_date > deadline:
            problems.append(f"第 {n} 项：计划完成日期不能晚于完成时限 {deadline:%Y-%m-%d}。")
        if item.done_date and item.done_date > today:
            problems.append(f"第 {n} 项：实际完成日期不能晚于今天。")
        cleaned.append(MilestoneIn(title, item.due_date, item.done_date))
    if problems:
        raise ValidationError(problems)
    return cleaned


def listed(milestones) -> list[dict]:
    return [{"title": m.title, "due_date": m.due_date, "done_date": m.done_date} for m in milestones]


def milestone_set(
    *, actor: User, assignment: Assignment, milestones: list[MilestoneIn], expected_version: int
) -> list[Milestone]:
    """Replace the line's milestones with ``milestones``, in the order given, as one versioned edit of the
    line. The audit entry holds the whole list before and after."""
    check_writable(actor, assignment)
    cleaned = clean_milestones(milestones, deadline=line_deadline(assignment))
    with transaction.atomic():
        save_versioned(assignment, expected_version=expected_version)
        before = listed(Milestone.objects.filter(assignment=assignment).order_by("order", "due_date"))
        Milestone.objects.filter(assignment=assignment).delete()
        created = Milestone.objects.bulk_create(
            Milestone(
                assignment=assignment, title=m.title, due_date=m.due_date, done_date=m.done_date, order=n
            )
            for n, m in enumerate(cleaned)
        )
        audit_record(
            actor=actor,
            action="milestone.set",
            obj=assignment,
            before={"milestones": before},
            after={"milestones": listed(created)},
        )
    return created


def milestone_done(
    *, actor: User, milestone: Milestone, expected_version: int, done_date: date | None = None
) -> Milestone:
    """Mark a milestone done on ``done_date`` (today when omitted). ``expected_version`` is the line's:
    ticking a milestone is an edit of the line's decomposition."""
    assignment = milestone.assignment
    check_writable(actor, assignment)
    done_date = done_date or timezone.localdate()
    if milestone.done_date is not None:
        raise ValidationError(f"该进度目标已于 {milestone.done_date:%Y-%m-%d} 完成。")
    if done_date > timezone.localdate():
        raise ValidationError("实际完成日期不能晚于今天。")
    with transaction.atomic():
        save_versioned(assignment, expected_version=expected_version)
        milestone.done_date = done_date
        milestone.save(update_fields=["done_date"])
        audit_record(
            actor=actor,
            action="milestone.done",
            obj=milestone,
            before={"done_date": None},
            after={"done_date": done_date},
        )
    return milestone
