"""Linking the regulations a plan names (《…》, ``plans.TaskRegulation``) to the register. It lives with
plans, which know both sides; the register below knows no plan.

Each title is matched, 《》 and spaces ignored, to a regulation of the plan's region or a central one (no
region), not abolished — the region's own first. A title the register lacks is added to the plan's region:
起草中 when a task of the plan is to draft it (制定), else 现行有效 (the plan names it as existing); no
issuing unit, since the plan does not say who issued it. ``import_confirm`` links its rows before saving
them (the titles added go into its ``plan.import`` audit entry); plans imported before are linked by
``taizhang link_regulations``, which leaves a row already linked as it is.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from taizhang.accounts.models import User
from taizhang.audit.services import audit_record
from taizhang.plans.models import Plan, TaskRegulation
from taizhang.regulations.models import Regulation
from taizhang.regulations.titles import clean_title, title_key
from taizhang.units.models import Region


def link_rows(rows: list[TaskRegulation], *, region: Region | None) -> list[str]:
    """Set ``regulation`` on each of ``rows`` (saved or not), adding the titles the register lacks; returns
    the titles added. Two queries however many rows: the register, and one insert. The caller saves the
    rows and records the audit entry, in its transaction."""
    register = (
        Regulation.objects.filter(Q(region=region) | Q(region__isnull=True))
        .exclude(status=Regulation.Status.ABOLISHED)
        .order_by("region_id", "pk")  # a central one first, so the region's own overwrites it below
    )
    by_key = {title_key(r.title): r for r in register}
    drafting = {title_key(r.title) for r in rows if r.action == TaskRegulation.Action.CREATE}
    new: dict[str, Regulation] = {}
    for row in rows:
        key = title_key(row.title)
        if key and key not in by_key and key not in new:
            status = Regulation.Status.DRAFTING if key in drafting else Regulation.Status.IN_FORCE
            new[key] = Regulation(title=clean_title(row.title)[:200], region=region, status=status)
    by_key |= dict(zip(new, Regulation.objects.bulk_create(new.values()), strict=True))
    for row in rows:
        row.regulation = by_key.get(title_key(row.title))
    return [r.title for r in new.values()]


def link_task_regulations(*, plan: Plan, actor: User | None) -> dict[str, int]:
    """Link ``plan``'s unlinked rows (plans imported before the link); one audit entry on the plan when
    anything was linked."""
    with transaction.atomic():
        rows = list(TaskRegulation.objects.filter(task__plan=plan, regulation__isnull=True).order_by("pk"))
        if not rows:
            return {"linked": 0, "created": 0}
        created = link_rows(rows, region=plan.region)
        linked = [row for row in rows if row.regulation is not None]
        TaskRegulation.objects.bulk_update(linked, ["regulation"])
        audit_record(
            actor=actor,
            action="plan.link_regulations",
            obj=plan,
            after={"linked": len(linked), "created": created},
        )
    return {"linked": len(linked), "created": len(created)}
