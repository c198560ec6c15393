"""Editing a draft plan (草稿编辑) before it is published: a task's text, number, deadline, units and people,
or the task removed. Every change bumps the plan's version (so a stale page is refused) and is audited."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record
from taizhang.ledger.models import Assignment, validate_person_names
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.refusal import Refusal
from taizhang.plans.codes import PlanCode
from taizhang.plans.importing import rows
from taizhang.plans.models import Plan, Task
from taizhang.plans.permissions import require_office_admin
from taizhang.units.matching import match_unit_names

_FIELDS = ("number", "text", "deadline_text")


@dataclass(slots=True)
class TaskEdit:
    """What the office sets on a draft task. ``lead``, ``responsible`` and ``cooperating`` are unit names as
    the register has them (or an alias); a unit in two lists keeps the first role (牵头, 负责, 配合)."""

    number: str
    text: str
    deadline_text: str = ""
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    cooperating: list[str] = field(default_factory=list)
    responsible_leader: str = ""
    responsible_persons: list[str] = field(default_factory=list)


def _check_draft(actor: User | None, task: Task) -> Plan:
    plan = task.plan
    require_office_admin(actor, plan.region)
    if plan.status != Plan.Status.DRAFT or task.closed_at is not None:
        raise Refusal(
            PlanCode.NOT_DRAFT,
            f"方案“{plan}”已是{plan.get_status_display()}状态，任务不能再直接修改（请导入修订版）。",
            f"Plan {plan.pk} is {plan.status}; its tasks are no longer edited directly (import a revision).",
        )
    return plan


def draft_task_update(*, actor: User | None, task: Task, edit: TaskEdit, expected_version: int) -> Task:
    """Save ``edit`` on a task of a draft plan: its fields and its ledger lines (a unit no longer named
    loses its line — a draft has no reports yet —, a new one gets one, the lead and responsible lines
    carry the people). Raises ``Refusal`` (not a draft, empty text, a unit outside the region, bad names),
    ``StaleEdit`` and ``PermissionDenied``."""
    plan = _check_draft(actor, task)
    text, number, deadline = edit.text.strip(), edit.number.strip(), edit.deadline_text.strip()
    if not text or len(number) > 20 or len(deadline) > 100:
        raise Refusal(
            PlanCode.BAD_TASK,
            "任务内容不能为空；序号不超过 20 字，时限不超过 100 字。",
            "A task needs its text; the number is at most 20 characters, the deadline at most 100.",
        )
    persons = list(dict.fromkeys(p.strip() for p in edit.responsible_persons if p.strip()))
    try:
        validate_person_names(persons)
    except ValidationError as exc:
        raise Refusal(
            PlanCode.BAD_TASK, f"责任人无效：{' '.join(exc.messages)}", "Invalid responsible persons."
        ) from exc
    printed = [*edit.lead, *edit.responsible, *edit.cooperating]
    matches = match_unit_names(region=plan.region, names=printed)
    if wrong := [n for n in dict.fromkeys(printed) if n not in matches or matches[n].exact is None]:
        raise Refusal(
            PlanCode.UNKNOWN_UNIT,
            f"单位名录中没有这些单位（请先在单位管理中添加或加别名）：{'、'.join(wrong)}",
            f"These units are not in the register (add them or an alias first): {', '.join(wrong)}",
            names=wrong,
        )
    units = {name: m.exact for name, m in matches.items()}
    roles: dict[int, str] = {}
    by_id = {}
    for names, role in (
        (edit.lead, Assignment.Role.LEAD),
        (edit.responsible, Assignment.Role.RESPONSIBLE),
        (edit.cooperating, Assignment.Role.COOPERATING),
    ):
        for name in names:
            roles.setdefault(units[name].pk, role)
            by_id[units[name].pk] = units[name]
    leader = edit.responsible_leader.strip()[:50]
    before = {name: getattr(task, name) for name in _FIELDS}
    lines = {a.unit_id: a for a in task.assignments.select_related("unit")}
    before["units"] = {a.unit.name: a.role for a in lines.values()}
    with transaction.atomic():
        save_versioned(plan, expected_version=expected_version)
        task.number, task.text, task.deadline_text = number, text, deadline
        task.deadline_date = rows.deadline_date(deadline)
        task.save(update_fields=[*_FIELDS, "deadline_date"])
        Assignment.objects.filter(task=task).exclude(unit_id__in=list(roles)).delete()
        for unit_id, role in roles.items():
            named = role != Assignment.Role.COOPERATING
            values = {
                "role": role,
                "responsible_leader": leader if named else "",
                "responsible_persons": persons if named else [],
            }
            Assignment.objects.update_or_create(task=task, unit=by_id[unit_id], defaults=values)
        audit_record(
            actor=actor,
            action="task.update",
            obj=task,
            before=before,
            after={
                **{name: getattr(task, name) for name in _FIELDS},
                "units": {by_id[u].name: r for u, r in roles.items()},
                "responsible_leader": leader,
                "responsible_persons": persons,
            },
        )
    return task


def draft_task_delete(*, actor: User | None, task: Task, expected_version: int) -> None:
    """Remove a task (and its lines) from a draft plan. Same refusals as ``draft_task_update``."""
    plan = _check_draft(actor, task)
    with transaction.atomic():
        save_versioned(plan, expected_version=expected_version)
        audit_record(
            actor=actor,
            action="task.delete",
            obj=task,
            before={"key": task.key, "number": task.number, "text": task.text},
        )
        task.delete()
