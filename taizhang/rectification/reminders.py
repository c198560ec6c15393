"""催办 of rectification items, for ``taizhang tick``: one reminder before the deadline, then escalation
once it has passed, as for supervision orders.

- Before: when the deadline is at most ``TAIZHANG_REMINDER_DAYS_BEFORE`` days away (due today included), the
  unit's liaisons are reminded once.
- Overdue (deadline passed, ``rules.is_overdue``): escalating by ``TAIZHANG_ESCALATION_DAYS`` counted as
  the orders count it (``supervision.reminders.due_stages``: the first day after the deadline is day 0) —
  the liaisons on day 0, the unit heads from day 3, from day 7 the office admins covering the unit (granted
  on its region or above). Every stage reached is sent once; a run missed for a week catches up.
- Only items the unit still works on (待整改, 整改中): an item waiting for the office's verification
  (申请销号) is the office's to decide, a closed one is done.

Keys name the occasion — item, deadline, stage and recipient — so running the rule twice, or every day,
never repeats a message, and a deadline moved later starts the reminders afresh. The office stage also asks
for the group robot (``webhook``) on one message per item, so the group hears of it once.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import office_admins_of_regions, people_of_units
from taizhang.notifications.intents import ReminderIntent
from taizhang.rectification.models import RectificationItem
from taizhang.rectification.services import PROGRESS_STATES
from taizhang.supervision.reminders import BEFORE, due_stages
from taizhang.units.models import Region

REMINDER, ESCALATION = "reminder", "escalation"  # notifications.Notification.Kind


def _region_chains(region_ids: set[int]) -> dict[int, list[int]]:
    """Each region with the regions above it: one query per level."""
    parents: dict[int, int | None] = {}
    todo = set(region_ids)
    while todo:
        rows = dict(Region.objects.filter(pk__in=todo).values_list("pk", "parent_id"))
        parents |= rows
        todo = {p for p in rows.values() if p is not None and p not in parents}
    chains = {}
    for region_id in region_ids:
        chain, current = [], region_id
        while current is not None and current not in chain:
            chain.append(current)
            current = parents.get(current)
        chains[region_id] = chain
    return chains


class _People:
    """Who is told, for all the items of one run in three queries: liaisons and heads by unit, office
    admins by the region of their grant."""

    def __init__(self, items: list[RectificationItem]):
        unit_ids = {item.unit_id for item in items}
        self.chains = _region_chains({item.unit.region_id for item in items})
        self.by_unit = people_of_units(unit_ids)
        self.by_region = office_admins_of_regions(r for chain in self.chains.values() for r in chain)

    def of(self, stage: str, item: RectificationItem) -> list[User]:
        if stage == "office":
            found = {u.pk: u for r in self.chains[item.unit.region_id] for u in self.by_region.get(r, [])}
            return [found[pk] for pk in sorted(found)]
        role = Role.LIAISON if stage == "liaison" else Role.UNIT_HEAD
        return self.by_unit.get((item.unit_id, role), [])


def _intent(
    item: RectificationItem, user: User, *, kind: str, occasion: str, subject: str, body: str, webhook=False
):
    return ReminderIntent(
        recipient=user,
        kind=kind,
        subject=subject,
        body=body,
        link=reverse("rectification_detail", args=[item.pk]),
        about=item,
        dedup_key=f"rectification:{item.pk}:{occasion}:user:{user.pk}",
        webhook=webhook,
    )


def rectification_reminders(*, today: date) -> list[ReminderIntent]:
    """What to send today for every item the unit still works on; the caller stores each once
    (``dedup_key``). The stages due are the orders' (``supervision.reminders.due_stages``)."""
    horizon = today + timedelta(days=settings.TAIZHANG_REMINDER_DAYS_BEFORE)
    items = list(
        RectificationItem.objects.filter(state__in=PROGRESS_STATES, deadline__lte=horizon)
        .select_related("unit")
        .order_by("deadline", "pk")
    )
    people = _People(items)
    intents: list[ReminderIntent] = []
    for item in items:
        due = f"{item.deadline:%Y-%m-%d}"
        what = f"{item.unit.name}：{item.title}"
        days_past = (today - item.deadline).days
        for stage in due_stages(item.deadline, today):
            if stage == BEFORE:
                subject = f"整改即将到期：{what}"
                body = f"整改事项“{item.title}”的整改时限为 {due}，请按时完成整改并申请销号。"
                recipients, occasion = people.of("liaison", item), f"before:{due}"
            else:
                subject = f"整改逾期：{what}"
                body = f"整改事项“{item.title}”已超过整改时限（{due}）{days_past} 天，尚未销号，请督促整改。"
                recipients, occasion = people.of(stage, item), f"overdue:{due}:{stage}"
            kind = REMINDER if stage in (BEFORE, "liaison") else ESCALATION
            for n, user in enumerate(recipients):
                intents.append(
                    _intent(
                        item,
                        user,
                        kind=kind,
                        occasion=occasion,
                        subject=subject,
                        body=body,
                        webhook=stage == "office" and n == 0,
                    )
                )
    return intents
