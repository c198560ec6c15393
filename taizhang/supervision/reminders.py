"""催办 of supervision orders: which reminders the state of the database calls for today. A pure rule — it
reads, sends nothing and stores nothing; ``taizhang tick`` turns the intents into notifications, and each
intent's ``dedup_key`` names its occasion so that a reminder is made once however often the rule runs.

For every reply still owed (待回复, 已退回, 逾期) on an issued order:

- **before** the deadline: from ``TAIZHANG_REMINDER_DAYS_BEFORE`` days before it until the deadline day, the
  unit's liaisons (催办);
- **after** it, escalating by ``TAIZHANG_ESCALATION_DAYS`` (``liaison=0,unit_head=3,office=7``), counted in
  days overdue — the first day after the deadline is day 0: the unit's liaisons on day 0 (催办), its head
  from day 3 (升级督办), and from day 7 the office admins of the order's region (升级督办, the first of them
  also to the office's group robot). A stage whose day has passed stays due, so a missed run catches up.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.accounts.selectors import office_admins_of_regions, people_of_units
from taizhang.notifications.intents import ReminderIntent
from taizhang.notifications.models import Notification
from taizhang.supervision.models import REPLY_EDITABLE_STATES, OrderRecipient, SupervisionOrder

BEFORE = "before"
PLACEHOLDER = 987654321
_ROLE = {BEFORE: Role.LIAISON, "liaison": Role.LIAISON, "unit_head": Role.UNIT_HEAD}


def due_stages(deadline: date, today: date) -> list[str]:
    """The occasions due on ``today`` for a reply owed by ``deadline``: ``before``, or the escalation stages
    (``liaison``, ``unit_head``, ``office``) whose day has come."""
    days_left = (deadline - today).days
    if 0 <= days_left <= settings.TAIZHANG_REMINDER_DAYS_BEFORE:
        return [BEFORE]
    if days_left >= 0:
        return []
    overdue_day = -days_left - 1  # the day after the deadline is day 0
    return [stage for stage, days in settings.TAIZHANG_ESCALATION_DAYS.items() if overdue_day >= days]


def _people(owed: list[OrderRecipient]) -> tuple[dict, dict]:
    """(unit id, role) → users, and region id → office admins: two queries. Active accounts only; office
    admins granted on the order's region itself (not a region above it)."""
    return people_of_units(r.unit_id for r in owed), office_admins_of_regions(r.order.region_id for r in owed)


def _text(recipient: OrderRecipient, stage: str, today: date, link: str, states: dict) -> tuple[str, str]:
    order, unit = recipient.order, recipient.unit
    deadline = f"{order.deadline:%Y年%m月%d日}"
    if stage == BEFORE:
        days = (order.deadline - today).days
        when = "今天到期" if days == 0 else f"还有 {days} 天到期"
        subject = f"督办提醒：《{order.title}》{when}"
        body = (
            f"{unit.name}：督办单《{order.title}》的办理时限为{deadline}，贵单位尚未回复，请按时办理并回复。"
        )
    else:
        days = (today - order.deadline).days
        subject = f"督办逾期：{unit.name}《{order.title}》已逾期 {days} 天"
        who = {"liaison": "贵单位", "unit_head": "贵单位（请单位负责人督促）", "office": unit.name}[stage]
        body = f"督办单《{order.title}》的办理时限为{deadline}，{who}至今未回复，已逾期 {days} 天。"
    return subject, f"{body}\n办理情况：{states.get(recipient.state, recipient.state)}\n查看：{link}"


def order_reminders(*, today: date) -> list[ReminderIntent]:
    """Every reminder and escalation the supervision orders call for on ``today``, in a stable order."""
    window = today + timedelta(days=settings.TAIZHANG_REMINDER_DAYS_BEFORE)
    owed = list(
        OrderRecipient.objects.filter(
            order__state=SupervisionOrder.State.ISSUED,
            order__deadline__lte=window,
            state__in=REPLY_EDITABLE_STATES,
        )
        .select_related("order", "unit")
        .order_by("order__deadline", "order_id", "unit__order", "unit_id")
    )
    by_unit, by_region = _people(owed)
    # The state's label and the link's pattern once, not per reply (``get_state_display`` and ``reverse``
    # were half the rule's time on a province's thousands of owed replies).
    states = {value: str(label) for value, label in OrderRecipient._meta.get_field("state").flatchoices}
    link_of = reverse("order_detail", args=[PLACEHOLDER]).replace(str(PLACEHOLDER), "{}")
    intents = []
    for recipient in owed:
        order = recipient.order
        link = link_of.format(order.pk)
        for stage in due_stages(order.deadline, today):
            if stage == "office":
                users = by_region.get(order.region_id, [])
            else:
                users = by_unit.get((recipient.unit_id, _ROLE[stage]), [])
            subject, body = _text(recipient, stage, today, link, states)
            kind = (
                Notification.Kind.REMINDER if stage in (BEFORE, "liaison") else Notification.Kind.ESCALATION
            )
            for i, user in enumerate(users):
                intents.append(
                    ReminderIntent(
                        recipient=user,
                        kind=kind,
                        subject=subject,
                        body=body,
                        link=link,
                        about=recipient,
                        dedup_key=f"order:{order.pk}:unit:{recipient.unit_id}:{stage}:{user.pk}",
                        # one post to the office's group robot per occasion, not one per office admin
                        webhook=stage == "office" and i == 0,
                    )
                )
    return intents
