"""Writes to the ledger."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record
from taizhang.ledger.models import Assignment, validate_person_names
from taizhang.lib.concurrency import save_versioned
from taizhang.plans.models import Plan


def assignment_update(
    *,
    assignment: Assignment,
    actor: User,
    expected_version: int,
    responsible_leader: str,
    responsible_persons: list[str],
    duty_requirements: str,
    work_standard: str,
    deadline: date | None,
) -> Assignment:
    """Save a unit's decomposition of its share (责任领导, 责任人, 履责要求, 工作标准, 时限).

    Raises ``StaleEdit`` when someone saved the line after ``expected_version``."""
    persons = [name.strip() for name in responsible_persons if name.strip()]
    validate_person_names(persons)
    task = assignment.task
    if task.plan.status == Plan.Status.ARCHIVED:
        raise ValidationError("方案已归档，台账不能再修改。")
    if deadline and task.deadline_date and deadline > task.deadline_date:
        raise ValidationError({"deadline": f"完成时限不能晚于任务时限 {task.deadline_date:%Y-%m-%d}。"})
    changes = {
        "responsible_leader": responsible_leader.strip(),
        "responsible_persons": persons,
        "duty_requirements": duty_requirements.strip(),
        "work_standard": work_standard.strip(),
        "deadline": deadline,
    }
    before = {name: getattr(assignment, name) for name in changes}
    with transaction.atomic():
        save_versioned(assignment, expected_version=expected_version, **changes)
        audit_record(
            actor=actor,
            action="assignment.update",
            obj=assignment,
            before={k: v for k, v in before.items() if v != changes[k]},
            after={k: v for k, v in changes.items() if v != before[k]},
        )
    return assignment
