"""What the rules share: the regions filter, the live ledger lines, and turning a value into a spec."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from taizhang.alerts.specs import AlertSpec, cut, level_for
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport

Regions = Iterable[int] | None
Units = Iterable[int] | None  # a narrower scope still: these units only (the tick's changed units)


def lines_q(prefix: str, region_ids: Regions, unit_ids: Units = None) -> Q:
    """Live lines: of a published plan, an active unit, not closed by a revision, not reported complete
    (optionally in regions, of units)."""
    live = {f"{prefix}task__plan__status": Plan.Status.PUBLISHED, f"{prefix}unit__active": True}
    q = Q(**live, **{f"{prefix}closed_at__isnull": True}) & ~Q(
        **{f"{prefix}latest_accepted_status": ProgressReport.Status.DONE}
    )
    return q & in_scope(f"{prefix}unit", region_ids, unit_ids)


def in_regions(field: str, region_ids: Regions) -> Q:
    return Q() if region_ids is None else Q(**{f"{field}__in": sorted(region_ids)})


def in_scope(unit: str, region_ids: Regions, unit_ids: Units) -> Q:
    """Rows whose unit (the path ``unit``) is in ``region_ids`` and among ``unit_ids`` (None: any)."""
    q = in_regions(f"{unit}__region_id", region_ids)
    return q if unit_ids is None else q & Q(**{f"{unit}_id__in": sorted(unit_ids)})


def task_text(text: str) -> str:
    return f"任务“{cut(text.strip(), 30)}”"


def make_spec(rule, key, value, unit_id, region_id, assignment_id, summary, **evidence) -> AlertSpec | None:
    """The spec for a subject whose measured ``value`` reaches a level of ``rule``; None below notice."""
    level = level_for(rule, value)
    if level is None:
        return None
    return AlertSpec(rule, key, unit_id, region_id, assignment_id, level, cut(summary), evidence)
