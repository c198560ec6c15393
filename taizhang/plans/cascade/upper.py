"""Which plan a plan carries out (上级方案): the published plans of its region's ancestors — the nearest
region first, national plans (no region) last, the plan's own region after them all — and among them the
one whose title the preamble names (``docparse.upper``: 为深入贯彻落实…《…》).

A district plan names the centre's, the province's and the city's documents; the nearest named is the one
it breaks down (分解), so the city's is suggested."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet

from taizhang.plans.models import Plan, Task
from taizhang.units.models import Region
from taizhang.units.selectors import region_ancestor_ids

_NOT_TITLE = re.compile(r"[\s《》“”\"'（）()·、，,。]")
_DASH = re.compile(r"[—–－~～-]+")


def title_key(title: str) -> str:
    """What two printings of one plan title share: no 《》, spaces or punctuation, one kind of dash."""
    return _DASH.sub("-", _NOT_TITLE.sub("", title))


def upper_plans(region: Region, *, exclude: int | None = None) -> list[Plan]:
    """The plans a plan of ``region`` may carry out, nearest region first (two to five queries)."""
    ancestors = region_ancestor_ids(region.pk)
    plans = (
        Plan.objects.filter(Q(region_id__in=ancestors) | Q(region__isnull=True))
        .exclude(status=Plan.Status.DRAFT)
        .exclude(pk=exclude)
        .select_related("region")
    )
    rank = {rid: i for i, rid in enumerate(ancestors[1:])}
    rank[None] = len(rank)
    rank[region.pk] = len(rank)
    return sorted(plans, key=lambda p: (rank[p.region_id], -p.period_start, p.pk))


def named_upper(plans: list[Plan], titles: list[str]) -> Plan | None:
    """The nearest of ``plans`` (in their order) whose title the preamble prints among ``titles``: the
    same title, or one holding the other when both are long enough not to be a short name."""
    keys = [title_key(t) for t in titles if t.strip()]
    for plan in plans:
        own = title_key(plan.title)
        if any(k == own or (min(len(k), len(own)) >= 12 and (k in own or own in k)) for k in keys):
            return plan
    return None


def upper_task_scope(plan: Plan) -> QuerySet[Task]:
    """The tasks ``plan``'s tasks may carry out: its upper plan's, or, while it names none, those of every
    plan it may carry out."""
    if plan.parent_plan_id:
        return Task.objects.filter(plan_id=plan.parent_plan_id)
    if plan.region_id is None:
        return Task.objects.none()
    return Task.objects.filter(plan__in=[p.pk for p in upper_plans(plan.region, exclude=plan.pk)])
