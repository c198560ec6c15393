"""回头看: the office re-checks, a year or so on, a sample of its region's closed (销号) rectification
items and completed ledger lines, and records whether each problem came back (反弹).

- ``lookback_create`` draws the sample: ``item_count``/``line_count`` of the candidates (or that per cent
  of them with ``percent``), at random with a stored seed (the same seed on the same data draws the
  same), or the ids chosen by hand. Candidates: items of the region's units closed within the window
  (``closed_after``–``closed_before``, by the date of 销号); lines of the region's units whose latest
  accepted report says 已完成/长期坚持 and covers a period ending within the window.
- ``lookback_recheck`` records one entry's re-check once. A relapse on an item reopens it
  (``workflow.rectification_reopen``: 已销号 → 整改中, audited, the unit told); a line's completion is
  what its reports say, so its relapse is recorded, the unit told, and listed (``relapse_list``).
"""

from __future__ import annotations

import math
import random
import secrets
from datetime import date

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from taizhang.accounts.checks import require_office_admin_of, require_office_admin_over_unit
from taizhang.accounts.models import User
from taizhang.audit.services import audit_record, snapshot
from taizhang.ledger.lights import DONE_STATUSES
from taizhang.ledger.models import Assignment
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.notifications.handover import tell, unit_people
from taizhang.rectification.checks import MAX_TEXT
from taizhang.rectification.codes import RectificationCode
from taizhang.rectification.models import LookBack, LookBackEntry, Recheck, RectificationItem, RectState
from taizhang.rectification.workflow import rectification_reopen
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.units.models import Region
from taizhang.units.selectors import region_subtree_ids

OFFICE = {"doing": "组织回头看", "doing_en": "run look-backs"}


def _window(qs: QuerySet, field: str, closed_after: date | None, closed_before: date) -> QuerySet:
    qs = qs.filter(**{f"{field}__lte": closed_before})
    return qs.filter(**{f"{field}__gte": closed_after}) if closed_after else qs


def candidate_items(region: Region, closed_after: date | None, closed_before: date) -> QuerySet:
    """Closed items of the region's units (and those below), closed within the window."""
    items = RectificationItem.objects.filter(
        unit__region_id__in=region_subtree_ids({region.pk}), state=RectState.CLOSED
    )
    return _window(items, "closed_at__date", closed_after, closed_before)


def candidate_lines(region: Region, closed_after: date | None, closed_before: date) -> QuerySet:
    """Completed lines of the region's units: the latest accepted report says done and its period ended
    within the window."""
    latest_end = (
        ProgressReport.objects.filter(assignment=OuterRef("pk"), review_state=ReviewState.ACCEPTED)
        .order_by("-period_start")
        .values("period_end")[:1]
    )
    lines = Assignment.objects.filter(
        unit__region_id__in=region_subtree_ids({region.pk}), latest_accepted_status__in=DONE_STATUSES
    ).annotate(done_on=Subquery(latest_end))
    return _window(lines, "done_on", closed_after, closed_before)


def _pick(ids: list[int], count: int, *, percent: bool, rng: random.Random) -> list[int]:
    if count < 0 or (percent and count > 100):
        raise Refusal(
            RectificationCode.LOOKBACK_BAD_SAMPLE,
            "抽取数量须为非负整数，比例不超过100%。",
            "A sample size is a whole number, a share at most 100%.",
        )
    k = math.ceil(len(ids) * count / 100) if percent else min(count, len(ids))
    return sorted(rng.sample(sorted(ids), k))


def _chosen(ids: list[int], allowed: set[int], what: str, what_en: str) -> list[int]:
    if strays := sorted(set(ids) - allowed):
        raise Refusal(
            RectificationCode.LOOKBACK_NOT_A_CANDIDATE,
            f"所选{what}不在本地区抽取范围内：{', '.join(map(str, strays))}。",
            f"Not {what_en} of the region within the window: {', '.join(map(str, strays))}.",
        )
    return sorted(set(ids))


def lookback_create(
    *,
    actor: User,
    region: Region,
    title: str,
    closed_before: date,
    closed_after: date | None = None,
    item_count: int = 0,
    line_count: int = 0,
    percent: bool = False,
    seed: int | None = None,
    item_ids: list[int] | None = None,
    line_ids: list[int] | None = None,
) -> LookBack:
    """组织回头看: a batch and its entries, one transaction, one audit entry. Random unless ``item_ids`` or
    ``line_ids`` is given (then both are taken as chosen by hand). Refused when nothing is drawn."""
    require_office_admin_of(actor, region.pk, **OFFICE)
    title = clean_text(title, zh="名称", en="The title", limit=200, field="title")
    if closed_after and closed_after > closed_before:
        raise Refusal(
            RectificationCode.LOOKBACK_BAD_DATE,
            "抽取起始日不能晚于截止日。",
            "The window's start cannot be after its end.",
        )
    items = candidate_items(region, closed_after, closed_before)
    lines = candidate_lines(region, closed_after, closed_before)
    item_pool = set(items.values_list("pk", flat=True))
    line_pool = set(lines.values_list("pk", flat=True))
    by_hand = item_ids is not None or line_ids is not None
    seed = secrets.randbelow(2**31) if seed is None else seed
    if by_hand:
        picked_items = _chosen(item_ids or [], item_pool, "整改事项", "closed items")
        picked_lines = _chosen(line_ids or [], line_pool, "任务", "completed lines")
    else:
        rng = random.Random(seed)
        picked_items = _pick(list(item_pool), item_count, percent=percent, rng=rng)
        picked_lines = _pick(list(line_pool), line_count, percent=percent, rng=rng)
    if not picked_items and not picked_lines:
        raise Refusal(
            RectificationCode.LOOKBACK_EMPTY,
            "抽取范围内没有可回头看的事项或任务。",
            "Nothing closed or completed within the window to re-check.",
        )
    units = dict(RectificationItem.objects.filter(pk__in=picked_items).values_list("pk", "unit_id"))
    line_units = dict(Assignment.objects.filter(pk__in=picked_lines).values_list("pk", "unit_id"))
    with transaction.atomic():
        lookback = LookBack.objects.create(
            region=region,
            title=title,
            closed_after=closed_after,
            closed_before=closed_before,
            seed=seed,
            by_hand=by_hand,
            created_by=actor,
        )
        LookBackEntry.objects.bulk_create(
            [LookBackEntry(lookback=lookback, item_id=pk, unit_id=units[pk]) for pk in picked_items]
            + [LookBackEntry(lookback=lookback, line_id=pk, unit_id=line_units[pk]) for pk in picked_lines]
        )
        audit_record(
            actor=actor,
            action="rectification.lookback_create",
            obj=lookback,
            after={
                **snapshot(lookback, fields=["region", "title", "closed_after", "closed_before", "seed"]),
                "by_hand": by_hand, "items": picked_items, "lines": picked_lines,
            },
        )  # fmt: skip
    return lookback


def lookback_recheck(
    *, actor: User, entry: LookBackEntry, result: str, checked_on: date, note: str = ""
) -> LookBackEntry:
    """复查: record whether the problem came back (``Recheck.HELD`` / ``RELAPSED``), once. A relapse needs a
    note and reopens the item (see the module)."""
    require_office_admin_over_unit(actor, entry.unit_id, **OFFICE)
    if result not in (Recheck.HELD, Recheck.RELAPSED):
        raise Refusal(RectificationCode.WRONG_STATE, "请选择复查结果。", "Choose a result.")
    if checked_on > timezone.localdate():
        raise Refusal(
            RectificationCode.LOOKBACK_BAD_DATE, "复查日期不能晚于今天。", "The date cannot be in the future."
        )
    note = clean_text(
        note, zh="复查情况", en="A note", limit=MAX_TEXT, field="note", required=result == Recheck.RELAPSED
    )
    with transaction.atomic():
        locked = LookBackEntry.objects.select_for_update().get(pk=entry.pk)
        if locked.result:
            raise Refusal(
                RectificationCode.LOOKBACK_ALREADY_CHECKED,
                "该事项已复查。",
                "This entry has been re-checked already.",
            )
        locked.result, locked.checked_on, locked.checker, locked.note = result, checked_on, actor, note
        locked.save(update_fields=["result", "checked_on", "checker", "note"])
        audit_record(
            actor=actor,
            action="rectification.lookback_recheck",
            obj=locked,
            after=snapshot(locked, fields=["item", "line", "unit", "result", "checked_on", "note"]),
        )
        if result == Recheck.RELAPSED:
            item = locked.item
            if item is not None and item.state == RectState.CLOSED:
                rectification_reopen(actor=actor, item=item, reason=note)  # tells the unit
            elif locked.line_id is not None:
                _tell_line_relapse(locked)
    return locked


def _tell_line_relapse(entry: LookBackEntry) -> None:
    line = entry.line
    tell(
        people=unit_people(entry.unit_id),
        occasion=f"lookback:{entry.pk}:relapsed",
        subject=f"回头看发现反弹：{line.task}",
        body=f"{entry.unit.name}已完成的任务在回头看中发现问题反弹，请重新落实。\n复查情况：{entry.note}",
        link=reverse("relapse_list"),
        about=line,
    )
