"""Writes of 上下贯通: a plan's upper plan, a task's upper tasks, the import's suggestions accepted in bulk.
Each in one transaction with its audit entry; the office of the (lower) plan's region decides."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record
from taizhang.lib.refusal import Refusal
from taizhang.plans.cascade.upper import upper_task_scope
from taizhang.plans.codes import PlanCode
from taizhang.plans.models import Plan, Task, TaskLink
from taizhang.plans.permissions import require_office_admin
from taizhang.units.selectors import region_ancestor_ids


def check_upper(*, plan_region_id: int | None, upper: Plan, plan: Plan | None = None) -> None:
    """Refuse an upper plan that is a draft, the plan itself, below or beside the plan's region, or a plan
    that (through its own upper plans) carries out ``plan``."""
    if upper.status == Plan.Status.DRAFT:
        raise Refusal(
            PlanCode.UPPER_NOT_PUBLISHED,
            f"上级方案“{upper}”尚未发布，不能作为上级方案。",
            f"Plan {upper.pk} is a draft; only a published plan can be carried out.",
        )
    chain, seen = upper, set()
    while plan is not None and chain is not None and chain.pk not in seen:
        seen.add(chain.pk)
        if chain.pk == plan.pk:
            raise Refusal(
                PlanCode.UPPER_NOT_ABOVE,
                f"方案“{upper}”就是本方案或落实本方案，不能作为上级方案。",
                f"Plan {upper.pk} is this plan or carries it out; it cannot be its upper plan.",
            )
        chain = chain.parent_plan
    if upper.region_id is not None and upper.region_id not in region_ancestor_ids(plan_region_id):
        raise Refusal(
            PlanCode.UPPER_NOT_ABOVE,
            f"方案“{upper}”不属于本级或上级区划，不能作为上级方案。",
            f"Plan {upper.pk} is not of this region or a region above it; it cannot be the upper plan.",
        )


def plan_set_upper(*, actor: User | None, plan: Plan, upper: Plan | None) -> Plan:
    """Name (or clear) the plan ``plan`` carries out. Links of its tasks to tasks of another plan go, and
    the audit entry counts them."""
    require_office_admin(actor, plan.region)
    if upper is not None:
        check_upper(plan_region_id=plan.region_id, upper=upper, plan=plan)
    with transaction.atomic():
        before = plan.parent_plan_id
        Plan.objects.filter(pk=plan.pk).update(parent_plan=upper)
        plan.parent_plan = upper
        stale = TaskLink.objects.filter(task__plan=plan)
        if upper is not None:
            stale = stale.exclude(upper__plan=upper)
        removed, _ = stale.delete() if before != plan.parent_plan_id else (0, None)
        audit_record(
            actor=actor,
            action="plan.set_upper",
            obj=plan,
            before={"parent_plan": before},
            after={"parent_plan": plan.parent_plan_id, "links_removed": removed},
        )
    return plan


def _check_uppers(plan: Plan, upper_ids: set[int]) -> None:
    allowed = set(upper_task_scope(plan).filter(pk__in=upper_ids).values_list("pk", flat=True))
    if upper_ids - allowed:
        zh = f"上级方案“{plan.parent_plan}”" if plan.parent_plan_id else "上级区划已发布的方案"
        en = f"plan {plan.parent_plan_id}" if plan.parent_plan_id else "a published plan of a region above"
        raise Refusal(
            PlanCode.LINK_OUTSIDE_UPPER,
            f"所选上级任务不属于{zh}，不能关联。",
            f"The upper tasks chosen are not tasks of {en}.",
            names=[str(pk) for pk in sorted(upper_ids - allowed)],
        )


def task_links_set(*, actor: User | None, task: Task, uppers: Iterable[Task]) -> dict[str, int]:
    """The upper tasks ``task`` carries out become ``uppers`` (links kept, added, removed)."""
    plan = task.plan
    require_office_admin(actor, plan.region)
    wanted = {u.pk for u in uppers}
    _check_uppers(plan, wanted)
    with transaction.atomic():
        had = set(TaskLink.objects.filter(task=task).values_list("upper_id", flat=True))
        TaskLink.objects.filter(task=task, upper_id__in=had - wanted).delete()
        TaskLink.objects.bulk_create(
            TaskLink(task=task, upper_id=pk, created_by=actor) for pk in sorted(wanted - had)
        )
        audit_record(
            actor=actor,
            action="task.set_links",
            obj=task,
            before={"carries_out": sorted(had)},
            after={"carries_out": sorted(wanted)},
        )
    return {"added": len(wanted - had), "removed": len(had - wanted)}


def task_links_accept(*, actor: User | None, plan: Plan, links: dict[int, list[int]]) -> int:
    """Add the links ``links`` gives (task id → upper task ids) for tasks of ``plan``, keeping those it has:
    the import's suggestions as the office confirmed them. One audit entry on the plan; returns how many
    links were added."""
    require_office_admin(actor, plan.region)
    own = set(Task.objects.filter(plan=plan, pk__in=links).values_list("pk", flat=True))
    if set(links) - own:
        raise Refusal(
            PlanCode.BAD_TASK,
            "要关联的任务不属于本方案。",
            f"Some of the tasks to link are not tasks of plan {plan.pk}.",
        )
    _check_uppers(plan, {pk for ids in links.values() for pk in ids})
    with transaction.atomic():
        had = set(TaskLink.objects.filter(task__plan=plan).values_list("task_id", "upper_id"))
        new = sorted({(t, u) for t, ids in links.items() for u in ids} - had)
        TaskLink.objects.bulk_create(TaskLink(task_id=t, upper_id=u, created_by=actor) for t, u in new)
        audit_record(
            actor=actor,
            action="plan.accept_links",
            obj=plan,
            after={"parent_plan": plan.parent_plan_id, "links_added": len(new)},
        )
    return len(new)
