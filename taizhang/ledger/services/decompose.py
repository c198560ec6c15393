"""assignment_decompose: the decomposition form (分解) saved as one edit — the line and its milestones."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record
from taizhang.ledger.models import Assignment, Milestone
from taizhang.ledger.services.assignments import check_writable, clean_line
from taizhang.ledger.services.milestones import MilestoneIn, clean_milestones, listed
from taizhang.lib.concurrency import save_versioned


def assignment_decompose(
    *,
    assignment: Assignment,
    actor: User,
    expected_version: int,
    responsible_leader: str,
    responsible_persons: list[str],
    duty_requirements: str,
    work_standard: str,
    deadline: date | None,
    milestones: list[MilestoneIn],
) -> Assignment:
    """Save the line's fields and replace its milestones under one version check, in one transaction.

    Saving the fields and then ``milestone_set`` would each check the other's *stored* half (the new
    deadline against the old milestones, the new milestones against the old deadline), so moving both
    earlier in one form could not be saved; here the milestones are checked against the deadline being
    saved with them. The version goes up by one; the audit trail gets ``assignment.update`` for the changed
    fields and ``milestone.set`` when the list changed. Raises
    ``StaleEdit`` (nothing saved) when someone saved the line after ``expected_version``."""
    check_writable(actor, assignment)
    changes = clean_line(
        assignment,
        responsible_leader=responsible_leader,
        responsible_persons=responsible_persons,
        duty_requirements=duty_requirements,
        work_standard=work_standard,
        deadline=deadline,
    )
    cleaned = clean_milestones(milestones, deadline=deadline or assignment.task.deadline_date)
    new_list = [{"title": m.title, "due_date": m.due_date, "done_date": m.done_date} for m in cleaned]
    before = {name: getattr(assignment, name) for name in changes}
    with transaction.atomic():
        save_versioned(assignment, expected_version=expected_version, **changes)
        if changed := [name for name in changes if changes[name] != before[name]]:
            audit_record(
                actor=actor,
                action="assignment.update",
                obj=assignment,
                before={name: before[name] for name in changed},
                after={name: changes[name] for name in changed},
            )
        stored = Milestone.objects.filter(assignment=assignment).order_by("order", "due_date")
        old_list = listed(stored)
        if new_list != old_list:
            stored.delete()
            Milestone.objects.bulk_create(
                Milestone(assignment=assignment, order=n, **item) for n, item in enumerate(new_list)
            )
            audit_record(
                actor=actor,
                action="milestone.set",
                obj=assignment,
                before={"milestones": old_list},
                after={"milestones": new_list},
            )
    return assignment
