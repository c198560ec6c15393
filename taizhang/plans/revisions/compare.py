"""Reading a revised file against a live plan (修订预览): the parse, the units its names resolve to, and the
diff (``diff.diff_tasks``). Reads only; ``apply.revision_apply`` calls it again before it writes."""

from __future__ import annotations

from dataclasses import dataclass

from taizhang.accounts.models import User
from taizhang.ledger.models import Assignment
from taizhang.lib.refusal import Refusal
from taizhang.plans.codes import PlanCode
from taizhang.plans.importing import ImportPreview, checks, import_preview, rows, wildcard_units
from taizhang.plans.importing.lines import ledger_lines
from taizhang.plans.importing.preview import PreviewTask, unit_names
from taizhang.plans.models import Plan, Task
from taizhang.plans.revisions.diff import Change, TaskSide, diff_tasks, summary
from taizhang.units.matching import match_unit_names

REVISABLE = (Plan.Status.DRAFT, Plan.Status.PUBLISHED)


@dataclass(slots=True)
class Revision:
    """A revised file read against ``plan``: ``old`` the plan's open tasks, ``tasks`` the file's (cleaned),
    ``lines`` the ledger lines the file's tasks would have (unsaved, ``task`` a stand-in), ``changes``."""

    plan: Plan
    preview: ImportPreview
    old: list[Task]
    tasks: list[PreviewTask]
    keys: list[str]
    lines: list[list[Assignment]]
    changes: list[Change]
    unmatched: list[str]

    @property
    def summary(self) -> dict[str, int]:
        return summary(self.changes)

    @property
    def changes_by_new(self) -> dict[int, Change]:
        return {c.new: c for c in self.changes if c.new is not None}


def check_revisable(plan: Plan) -> None:
    if plan.status not in REVISABLE:
        raise Refusal(
            PlanCode.NOT_REVISABLE,
            f"方案“{plan}”已是{plan.get_status_display()}状态，不能导入修订版。",
            f"Plan {plan.pk} is {plan.status}; a revised version cannot be imported.",
        )


def revision_compare(*, actor: User | None, plan: Plan, file_name: str, data: bytes) -> Revision:
    """Parse ``data`` as a revised version of ``plan`` and diff it against the plan's open tasks. Raises
    what ``import_preview`` raises (an unreadable file, a wrong role) and ``Refusal`` for a plan that is
    withdrawn or archived or a file with no tasks."""
    check_revisable(plan)
    preview = import_preview(actor=actor, file_name=file_name, data=data, region=plan.region)
    tasks = checks.clean_tasks(preview.tasks)
    checks.check_tasks(tasks)
    names, wildcards = unit_names(tasks)
    matches = match_unit_names(region=plan.region, names=names)
    units = {name: m.exact for name, m in matches.items() if m.exact is not None}
    everyone = wildcard_units(plan.region) if wildcards else []
    stand_ins = [Task(plan=plan, number=t.number, text=t.text) for t in tasks]
    flat = ledger_lines(stand_ins, tasks, units, everyone)
    by_task: dict[int, list[Assignment]] = {id(t): [] for t in stand_ins}
    for line in flat:
        by_task[id(line.task)].append(line)
    lines = [by_task[id(t)] for t in stand_ins]
    keys = rows.task_keys(tasks)
    old = list(
        Task.objects.filter(plan=plan, closed_at__isnull=True)
        .order_by("order")
        .prefetch_related("assignments__unit")
    )
    old_sides = [_side(t, [a for a in t.assignments.all() if a.closed_at is None]) for t in old]
    new_sides = [
        TaskSide(
            key=key,
            number=t.number.strip(),
            text=t.text.strip(),
            deadline=(t.deadline or "")[:100],
            units={a.unit.pk: a.role for a in task_lines},
            names={a.unit.pk: a.unit.name for a in task_lines},
        )
        for t, key, task_lines in zip(tasks, keys, lines, strict=True)
    ]
    return Revision(
        plan=plan,
        preview=preview,
        old=old,
        tasks=tasks,
        keys=keys,
        lines=lines,
        changes=diff_tasks(old_sides, new_sides),
        unmatched=[n for n in names if n not in units],
    )


def _side(task: Task, lines: list[Assignment]) -> TaskSide:
    return TaskSide(
        key=task.key,
        number=task.number,
        text=task.text,
        deadline=task.deadline_text,
        units={a.unit_id: a.role for a in lines},
        names={a.unit_id: a.unit.name for a in lines},
    )
