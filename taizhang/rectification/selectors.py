"""Which rectification items (整改事项) and their files a user may read. Out of scope → 404.

An item is read by whoever covers its unit: the unit itself (liaison, head) sees its own items only, the
office, leaders and inspectors of the region every item of it. An item from a covert inspection's finding
stays with the office side until the inspection is published (none is made before; this is the guard).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from taizhang.accounts.checks import OFFICE_SIDE
from taizhang.accounts.models import UNIT_ROLES, Role, User
from taizhang.accounts.selectors import region_ids_in_scope, unit_ids_in_scope, unit_scope_q
from taizhang.inspections.selectors import revealed_q
from taizhang.rectification.models import (
    REFUSAL,
    LookBack,
    LookBackEntry,
    Recheck,
    RectificationFile,
    RectificationItem,
    RectificationProgress,
    RectificationStep,
)
from taizhang.rectification.rules import overdue_q


def rectification_visible_q(user: User, *, prefix: str = "") -> Q:
    inspection = f"{prefix}finding__inspection__"
    revealed = (
        Q(**{f"{prefix}finding__isnull": True})
        | revealed_q(inspection)
        | Q(**{f"{inspection}region_id__in": region_ids_in_scope(user, *OFFICE_SIDE)})
    )
    return unit_scope_q(user, unit=f"{prefix}unit") & revealed


@dataclass(frozen=True, slots=True)
class RectFilters:
    """The ledger's filters; they narrow what the user may see, never widen it."""

    unit_id: int | None = None
    plan_id: int | None = None
    state: str | None = None
    overdue: bool = False


def _refusals() -> Prefetch:
    steps = RectificationStep.objects.filter(from_state=REFUSAL[0], to_state=REFUSAL[1]).order_by("at", "pk")
    return Prefetch("steps", queryset=steps, to_attr="refusals")


def rectification_list(
    *, user: User, filters: RectFilters = RectFilters(), today: date | None = None
) -> QuerySet[RectificationItem]:
    """Items the user may read, earliest deadline first, with unit, source (finding and inspection), task,
    regulation and closer joined and ``refusals`` (refused applications) prefetched: the same few queries
    whatever the number of items. ``filters.overdue`` needs ``today``."""
    items = RectificationItem.objects.filter(rectification_visible_q(user))
    if filters.unit_id is not None:
        items = items.filter(unit_id=filters.unit_id)
    if filters.plan_id is not None:
        items = items.filter(task__plan_id=filters.plan_id)
    if filters.state is not None:
        items = items.filter(state=filters.state)
    if filters.overdue:
        items = items.filter(overdue_q(today))
    return (
        items.select_related(
            "unit", "finding__inspection", "task__plan", "regulation", "closed_by", "finding__regulation"
        )
        .prefetch_related(_refusals())
        .order_by("deadline", "unit__order", "pk")
    )


def rectification_get(*, user: User, pk: int) -> RectificationItem:
    try:
        return rectification_list(user=user).get(pk=pk)
    except RectificationItem.DoesNotExist:
        raise Http404 from None


def rectification_timeline(item: RectificationItem) -> tuple[list, list[RectificationProgress]]:
    """The item's steps and progress entries (with their files and people), each oldest first."""
    steps = list(item.steps.select_related("actor").order_by("at", "pk"))
    files = Prefetch("evidence", queryset=RectificationFile.objects.order_by("uploaded_at", "pk"))
    progress = list(item.progress.select_related("by").prefetch_related(files).order_by("at", "pk"))
    return steps, progress


def may_report(user: User, item: RectificationItem) -> bool:
    """The unit's liaison or head: offered the progress and close-out forms (the services decide again)."""
    return item.unit_id in unit_ids_in_scope(user, *UNIT_ROLES)


def may_verify(user: User, item: RectificationItem) -> bool:
    return item.unit_id in unit_ids_in_scope(user, Role.OFFICE_ADMIN)


def rectification_evidence_get(*, user: User, pk: int) -> RectificationFile:
    """A close-out or progress file of an item the user may read; 404 for anyone else and other files."""
    visible = RectificationItem.objects.filter(rectification_visible_q(user)).values("pk")
    owned = Q(item__in=visible) | Q(progress__item__in=visible)
    try:
        return RectificationFile.objects.get(owned, pk=pk)
    except RectificationFile.DoesNotExist:
        raise Http404 from None


# ---- 回头看 (rectification.lookback) ----


def lookback_list(*, user: User) -> QuerySet[LookBack]:
    """The look-back batches of the regions on the user's office side (a unit sees its relapses only)."""
    return (
        LookBack.objects.filter(region_id__in=region_ids_in_scope(user, *OFFICE_SIDE))
        .select_related("region", "created_by")
        .order_by("-created_at", "-pk")
    )


def lookback_get(*, user: User, pk: int) -> LookBack:
    try:
        return lookback_list(user=user).get(pk=pk)
    except LookBack.DoesNotExist:
        raise Http404 from None


def _entries(entries: QuerySet[LookBackEntry]) -> QuerySet[LookBackEntry]:
    return entries.select_related("unit", "item", "line__task__plan", "checker", "lookback").order_by(
        "unit__order", "unit_id", "pk"
    )


def lookback_entries(lookback: LookBack) -> QuerySet[LookBackEntry]:
    """A batch's entries (read through ``lookback_get``), by unit, with what each is about."""
    return _entries(lookback.entries.all())


def lookback_entry_get(*, user: User, pk: int) -> LookBackEntry:
    """An entry of a batch the user may read; 404 for anyone else."""
    try:
        return LookBackEntry.objects.select_related("unit", "item", "line").get(
            pk=pk, lookback__in=lookback_list(user=user).values("pk")
        )
    except LookBackEntry.DoesNotExist:
        raise Http404 from None


def relapse_list(*, user: User) -> QuerySet[LookBackEntry]:
    """反弹清单: relapses the user may read — a unit its own, the office side its region's — latest first."""
    relapses = LookBackEntry.objects.filter(unit_scope_q(user), result=Recheck.RELAPSED)
    return _entries(relapses).order_by("-checked_on", "unit__order", "pk")


def may_run_lookback(user: User, lookback: LookBack) -> bool:
    return lookback.region_id in region_ids_in_scope(user, Role.OFFICE_ADMIN)
