"""What the inspection services check before they write: who acts for the office, and which units, tasks
and regulations an inspection of a region may name."""

from __future__ import annotations

from taizhang.plans.models import Plan, Task
from taizhang.regulations.models import Regulation
from taizhang.units.models import Region
from taizhang.units.selectors import region_ancestor_ids, region_subtree_ids


def region_reach(region: Region) -> set[int]:
    """The region, every region below it and every region above it: the plans and regulations that apply
    there (a city inspects against the city's plan and the province's)."""
    return region_subtree_ids({region.pk}) | set(region_ancestor_ids(region.pk))


def task_applies(task: Task, reach: set[int]) -> bool:
    """A task of a released plan of the region, above or below it, or of a national plan."""
    plan = task.plan
    released = plan.status in (Plan.Status.PUBLISHED, Plan.Status.ARCHIVED)
    return released and (plan.region_id is None or plan.region_id in reach)


def regulation_applies(regulation: Regulation, reach: set[int]) -> bool:
    return regulation.region_id is None or regulation.region_id in reach
