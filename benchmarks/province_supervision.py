"""Supervision data for a generated province (``benchmarks.province``): what a year of 督办, 检查 and 整改
leaves behind in every region, so the assessment and the warning rules read realistic tables.

Per region and year (the current one and the one before): about one 督办单 a unit, each to 1–5 units, most
replied (some late), some accepted, some unanswered; about one inspection per ten units (a third covert, all
published), each with findings on some of its units; a rectification item for most findings, most closed
(some after the deadline), the rest open, some overdue. Written with ``bulk_create`` like the rest of the
province; deterministic for a seed.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.db import transaction
from django.utils import timezone

from taizhang.inspections.models import Finding, Inspection
from taizhang.rectification.models import RectificationItem, RectState
from taizhang.supervision.models import OrderRecipient, RecipientState, SupervisionOrder
from taizhang.units.models import Unit

BATCH = 2000


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock(10)))


def generate(*, office_admin_of: dict[int, int], today: date, seed: int = 7) -> dict[str, int]:
    """Add the supervision rows for every region in ``office_admin_of`` (region id → its office admin)."""
    rng = random.Random(seed)
    units_of: dict[int, list[int]] = {}
    for unit_id, region_id in Unit.objects.values_list("id", "region_id"):
        units_of.setdefault(region_id, []).append(unit_id)
    counts = {"orders": 0, "order replies": 0, "inspections": 0, "findings": 0, "rectification items": 0}
    with transaction.atomic():
        for region_id, admin in office_admin_of.items():
            for year in (today.year - 1, today.year):
                _orders(rng, region_id, admin, units_of[region_id], year, today, counts)
                _inspections(rng, region_id, admin, units_of[region_id], year, today, counts)
    return counts


def _day_in(rng: random.Random, year: int, today: date) -> date:
    last = min(date(year, 12, 31), today)
    start = date(year, 1, 1)
    return start + timedelta(days=rng.randint(0, max(0, (last - start).days)))


def _orders(rng, region_id, admin, units, year, today, counts) -> None:
    orders, recipients = [], []
    for n in range(len(units)):
        issued = _day_in(rng, year, today)
        orders.append(
            SupervisionOrder(
                issuer_id=admin,
                region_id=region_id,
                title=f"{year}年第{n + 1}号督办事项",
                requirement="按要求办理并按期回复",
                deadline=issued + timedelta(days=rng.choice((10, 15, 20, 30))),
                state=SupervisionOrder.State.ISSUED,
                issued_at=_at(issued),
            )
        )
    orders = SupervisionOrder.objects.bulk_create(orders, batch_size=BATCH)
    for order in orders:
        for unit in rng.sample(units, rng.randint(1, min(5, len(units)))):
            recipients.append(_recipient(rng, order, unit, today))
    OrderRecipient.objects.bulk_create(recipients, batch_size=BATCH)
    counts["orders"] += len(orders)
    counts["order replies"] += len(recipients)


def _recipient(rng, order, unit, today) -> OrderRecipient:
    r = rng.random()
    if order.deadline >= today and r < 0.5:
        return OrderRecipient(order=order, unit_id=unit)
    if r < 0.08:  # never answered
        return OrderRecipient(order=order, unit_id=unit, state=RecipientState.OVERDUE)
    late = r < 0.2
    replied = (
        order.deadline + timedelta(days=rng.randint(1, 20))
        if late
        else order.deadline - timedelta(days=rng.randint(0, 8))
    )
    replied = min(replied, today)
    accepted = rng.random() < 0.7
    return OrderRecipient(
        order=order,
        unit_id=unit,
        state=RecipientState.ACCEPTED if accepted else RecipientState.REPLIED,
        reply_text="已按要求办理",
        replied_at=_at(replied),
        accepted_at=_at(replied) if accepted else None,
    )


def _inspections(rng, region_id, admin, units, year, today, counts) -> None:
    inspections = []
    for n in range(max(1, len(units) // 10)):
        start = _day_in(rng, year, today)
        covert = rng.random() < 0.33
        inspections.append(
            Inspection(
                kind=Inspection.Kind.COVERT if covert else Inspection.Kind.OPEN,
                title=f"{year}年第{n + 1}次{'暗访' if covert else '明查'}",
                region_id=region_id,
                start_date=start,
                end_date=start + timedelta(days=3),
                covert=covert,
                state=Inspection.State.PUBLISHED if covert else Inspection.State.DONE,
                published_at=_at(start + timedelta(days=5)) if covert else None,
                created_by_id=admin,
            )
        )
    inspections = Inspection.objects.bulk_create(inspections, batch_size=BATCH)
    findings = []
    for inspection in inspections:
        for unit in rng.sample(units, min(len(units), rng.randint(3, 10))):
            if rng.random() < 0.6:
                findings.append(
                    Finding(
                        inspection=inspection,
                        unit_id=unit,
                        severity=rng.choice(list(Finding.Severity.values)),
                        description="制度执行不到位",
                        found_on=inspection.start_date,
                        created_by_id=admin,
                    )
                )
    findings = Finding.objects.bulk_create(findings, batch_size=BATCH)
    items = [_item(rng, f, admin, today) for f in findings if rng.random() < 0.8]
    RectificationItem.objects.bulk_create(items, batch_size=BATCH)
    counts["inspections"] += len(inspections)
    counts["findings"] += len(findings)
    counts["rectification items"] += len(items)


def _item(rng, finding, admin, today) -> RectificationItem:
    deadline = finding.found_on + timedelta(days=rng.choice((30, 60, 90)))
    item = RectificationItem(
        finding=finding,
        unit_id=finding.unit_id,
        title=f"整改：{finding.description}",
        deadline=deadline,
        created_by_id=admin,
    )
    r = rng.random()
    closed = deadline + timedelta(days=rng.randint(-40, 30 if r < 0.2 else 0))
    if r < 0.75 and closed <= today:
        item.state = RectState.CLOSED
        item.closed_at = _at(max(closed, finding.found_on))
        item.closed_by_id = admin
    elif deadline < today:
        item.state = RectState.IN_PROGRESS
    return item
