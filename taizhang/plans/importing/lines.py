"""The ledger lines (责任分工) of an imported plan: one per task and unit, named units before wildcards."""

from __future__ import annotations

from taizhang.ledger.models import Assignment, validate_person_names
from taizhang.plans.importing.preview import PreviewTask
from taizhang.plans.models import Task
from taizhang.units.models import Unit

# A unit printed in two lists of one task keeps the first role in this order.
ROLES = (
    ("lead", Assignment.Role.LEAD),
    ("responsible", Assignment.Role.RESPONSIBLE),
    ("cooperating", Assignment.Role.COOPERATING),
)


def ledger_lines(
    saved: list[Task],
    tasks: list[PreviewTask],
    units: dict[str, Unit],
    from_wildcards: dict[tuple[int, str], list[Unit]],
) -> list[Assignment]:
    """Every task × unit once: named units first, in role order, then the units a wildcard brings in
    (``from_wildcards``: (task index, word) → units, as ``resolve_wildcards`` gives them)."""
    lines: list[Assignment] = []
    for index, (task, printed) in enumerate(zip(saved, tasks, strict=True)):
        taken: set[int] = set()
        leader, persons = _people(printed)
        for attr, role in ROLES:
            for name in getattr(printed, attr):
                unit = units.get(name)
                if unit is None or unit.pk in taken:
                    continue
                taken.add(unit.pk)
                named = role != Assignment.Role.COOPERATING
                lines.append(
                    Assignment(
                        task=task,
                        unit=unit,
                        role=role,
                        responsible_leader=leader if named else "",
                        responsible_persons=persons if named else [],
                    )
                )
        for attr, role in ROLES:
            for name in (n for n in getattr(printed, attr) if (index, n) in from_wildcards):
                for unit in from_wildcards[(index, name)]:
                    if unit.pk not in taken:
                        taken.add(unit.pk)
                        lines.append(Assignment(task=task, unit=unit, role=role, from_wildcard=name[:50]))
    return lines


def _people(task: PreviewTask) -> tuple[str, list[str]]:
    """责任领导 and 责任人 as printed, for the lines of the lead or responsible units."""
    leader = "、".join(dict.fromkeys(task.leaders))[:50]
    persons = list(dict.fromkeys(p.strip()[:50] for p in task.persons if p.strip()))[:20]
    validate_person_names(persons)
    return leader, persons
