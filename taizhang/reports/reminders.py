"""Reminders before a progress report is due (报送提醒): a rule of ``taizhang tick`` like the orders' and the
rectification items'. It reads and returns intents; the tick stores them once each (their dedup keys).

From ``TAIZHANG_REPORT_REMINDER_DAYS_BEFORE`` days before a period's due date (its end plus the grace days)
until that day, each unit with a line of a published plan that owes the period and has not sent its report
is told — its liaisons, one message per unit, plan and period however many lines are missing and however
often the tick runs (``reportdue:<plan>:<period start>:unit:<id>:user:<id>``). -1 turns it off."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.conf import settings
from django.db.models import Count, Exists, OuterRef
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.accounts.selectors import people_of_units
from taizhang.ledger.models import Assignment
from taizhang.notifications.intents import ReminderIntent
from taizhang.notifications.models import Notification
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.periods import Period, began_by_q, plan_periods, published_by, report_due_date


def _periods_due_soon(plan: Plan, today: date, days: int) -> list[Period]:
    return [p for p in plan_periods(plan) if 0 <= (report_due_date(p) - today).days <= days]


def _units_owing(due: list[tuple[Plan, Period]]) -> dict[tuple[int, date], Counter]:
    """(plan id, period start) → unit id → how many of its lines on the plan owe the period
    (``periods.published_by`` and ``began_by_q``) and have not sent a report for it: one counting query per
    period due (plans of a cadence share their periods)."""
    owing: dict[tuple[int, date], Counter] = {(plan.pk, period.start): Counter() for plan, period in due}
    plans_of: dict[Period, list[int]] = defaultdict(list)
    for plan, period in due:
        if published_by(plan, period):
            plans_of[period].append(plan.pk)
    for period, plan_ids in plans_of.items():
        sent = ProgressReport.objects.filter(assignment=OuterRef("pk"), period_start=period.start).exclude(
            review_state=ReviewState.DRAFT
        )
        counts = (
            Assignment.objects.filter(began_by_q(period), task__plan_id__in=sorted(plan_ids))
            .exclude(Exists(sent))
            .values_list("task__plan_id", "unit_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for plan_id, unit_id, n in counts:
            owing[(plan_id, period.start)][unit_id] = n
    return owing


def report_reminders(*, today: date) -> list[ReminderIntent]:
    """Every report reminder due on ``today``, in a stable order (plan, period, unit, person)."""
    days = settings.TAIZHANG_REPORT_REMINDER_DAYS_BEFORE
    if days < 0:
        return []
    link = reverse("my_tasks")
    intents: list[ReminderIntent] = []
    plans = Plan.objects.filter(status=Plan.Status.PUBLISHED, published_at__isnull=False).order_by("pk")
    due = [(plan, period) for plan in plans for period in _periods_due_soon(plan, today, days)]
    if not due:
        return []
    owing_of = _units_owing(due)
    units = set().union(*owing_of.values())
    people = people_of_units(units, roles=(Role.LIAISON,))
    for plan, period in due:
        owing = owing_of[(plan.pk, period.start)]
        due_on = report_due_date(period)
        left = (due_on - today).days
        when = "今天截止" if left == 0 else f"还有 {left} 天截止"
        for unit_id in sorted(owing):
            for user in people.get((unit_id, Role.LIAISON), []):
                intents.append(
                    ReminderIntent(
                        recipient=user,
                        kind=Notification.Kind.REMINDER,
                        subject=f"报送提醒：《{plan.title}》{period.label}进展{when}",
                        body=(
                            f"贵单位在《{plan.title}》中尚有 {owing[unit_id]} 项任务未报送{period.label}"
                            f"的进展，报送期限为{due_on:%Y年%m月%d日}，请按时填报并报送。"
                        ),
                        link=link,
                        about=plan,
                        dedup_key=f"reportdue:{plan.pk}:{period.start}:unit:{unit_id}:user:{user.pk}",
                    )
                )
    return intents
