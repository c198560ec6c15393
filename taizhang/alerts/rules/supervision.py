"""The rules on supervision: 督办单 replies owed past the deadline, rectification items overdue."""

from __future__ import annotations

from datetime import date, timedelta

from taizhang.alerts.rules.common import Regions, Units, in_scope, make_spec
from taizhang.alerts.specs import AlertSpec, cut, notice_at
from taizhang.rectification.models import RectificationItem, RectState
from taizhang.supervision.models import REPLY_EDITABLE_STATES, OrderRecipient, SupervisionOrder


def order_unanswered(*, today: date, region_ids: Regions = None, unit_ids: Units = None) -> list[AlertSpec]:
    latest = today - timedelta(days=notice_at("order_unanswered"))
    replies = OrderRecipient.objects.filter(
        in_scope("unit", region_ids, unit_ids),
        order__state=SupervisionOrder.State.ISSUED,
        order__deadline__lte=latest,
        state__in=REPLY_EDITABLE_STATES,
        unit__active=True,
    ).values_list("pk", "order_id", "order__title", "order__deadline", "state", "unit_id", "unit__region_id")
    specs = []
    for pk, order, title, deadline, state, unit, region in replies:
        days = (today - deadline).days
        summary = f"督办单《{title}》已超过办理时限（{deadline:%Y-%m-%d}），尚未回复"
        specs.append(
            make_spec(
                "order_unanswered",
                f"order:{pk}",
                days,
                unit,
                region,
                None,
                summary,
                order_id=order,
                recipient_id=pk,
                order=title,
                reply_state=state,
                due_date=deadline.isoformat(),
                since=deadline.isoformat(),
            )
        )
    return [s for s in specs if s]


def rectification_overdue(
    *, today: date, region_ids: Regions = None, unit_ids: Units = None
) -> list[AlertSpec]:
    latest = today - timedelta(days=notice_at("rectification_overdue"))
    items = RectificationItem.objects.filter(
        in_scope("unit", region_ids, unit_ids),
        state__in=(RectState.OPEN, RectState.IN_PROGRESS),
        deadline__lte=latest,
        unit__active=True,
    ).values_list("pk", "title", "deadline", "state", "unit_id", "unit__region_id")
    specs = []
    for pk, title, deadline, state, unit, region in items:
        days = (today - deadline).days
        summary = f"整改事项“{cut(title, 60)}”已超过整改时限（{deadline:%Y-%m-%d}），尚未完成整改"
        specs.append(
            make_spec(
                "rectification_overdue",
                f"rectification:{pk}",
                days,
                unit,
                region,
                None,
                summary,
                rectification_id=pk,
                item=title,
                item_state=state,
                due_date=deadline.isoformat(),
                since=deadline.isoformat(),
            )
        )
    return [s for s in specs if s]
