"""The write check all ledger services share, and a line's decomposition fields as they will be saved."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.accounts.models import User
from taizhang.ledger.models import Assignment, validate_person_names
from taizhang.ledger.selectors import may_edit_assignment
from taizhang.lib.i18n import said_lazy
from taizhang.plans.models import Plan

_NOT_EDITOR = said_lazy(
    "只有本单位联络员、单位负责人或惩防办可以修改台账。", "Only the unit or the office may edit this line."
)


def check_writable(actor: User, assignment: Assignment) -> None:
    """ValidationError on an archived plan; PermissionDenied unless ``actor`` may edit the line."""
    if assignment.task.plan.status == Plan.Status.ARCHIVED:
        raise ValidationError("方案已归档，台账不能再修改。")
    if assignment.closed_at is not None:
        raise ValidationError(f"该台账行已关闭（{assignment.closed_reason}），不能再修改。")
    if not may_edit_assignment(actor, assignment):
        raise PermissionDenied(_NOT_EDITOR)


def clean_line(
    assignment: Assignment,
    *,
    responsible_leader: str,
    responsible_persons: list[str],
    duty_requirements: str,
    work_standard: str,
    deadline: date | None,
) -> dict:
    """The line's decomposition fields as they will be saved (trimmed), or a ValidationError."""
    persons = [name.strip() for name in responsible_persons if name.strip()]
    validate_person_names(persons)
    task = assignment.task
    if deadline and task.deadline_date and deadline > task.deadline_date:
        raise ValidationError({"deadline": f"完成时限不能晚于任务时限 {task.deadline_date:%Y-%m-%d}。"})
    return {
        "responsible_leader": responsible_leader.strip(),
        "responsible_persons": persons,
        "duty_requirements": duty_requirements.strip(),
        "work_standard": work_standard.strip(),
        "deadline": deadline,
    }
