"""Reports to write (待报送): for a unit's liaison, each reporting period a line of a published plan owes and
has not sent, grouped by plan and period, oldest due date first.

A line owes every period from ``reports.periods.first_owed`` that has begun by today: those past their
due date (``periods_owed``, 逾期) and those still within it (本期; two of them while the grace days of one
overlap the start of the next). Sent means submitted, approved or accepted; a draft or a returned report
is still to write. Three queries whatever the number of lines: the lines, their plans, their sent reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.timezone import localdate

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import unit_scope_q
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_visible_q
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.periods import Period, first_owed, plan_periods, report_due_date
from taizhang.reports.selectors import report_visible_q

SENT = (ReviewState.SUBMITTED, ReviewState.APPROVED, ReviewState.ACCEPTED)


@dataclass(frozen=True, slots=True)
class OwedLine:
    assignment_id: int
    task_number: str
    task_text: str
    returned: bool  # the office or the head sent it back: to correct and submit again


@dataclass(slots=True)
class OwedPeriod:
    """One plan's period with the lines of the user's units that still owe its report."""

    plan: Plan
    period: Period
    due: date
    unit_id: int
    overdue: bool  # its due date has passed (逾期)
    lines: list[OwedLine] = field(default_factory=list)


def _periods_to_write(plan: Plan, began: date, today: date) -> list[Period]:
    first = first_owed(plan, began=began)
    if first is None:
        return []
    return [p for p in plan_periods(plan) if first <= p.start <= today]


def reports_owed(*, user: User, today: date) -> list[OwedPeriod]:
    """The periods the user's units (as liaison) owe reports for, oldest due date first, then by plan."""
    lines = Assignment.objects.filter(
        assignment_visible_q(user),
        unit_scope_q(user, Role.LIAISON),
        task__plan__status=Plan.Status.PUBLISHED,
    )
    rows = list(
        lines.order_by("task__plan_id", "task__order", "unit_id").values_list(
            "pk", "created_at", "task__plan_id", "unit_id", "task__number", "task__text"
        )
    )
    if not rows:
        return []
    plans = Plan.objects.in_bulk({row[2] for row in rows})
    memo: dict[tuple[int, date], list[Period]] = {}
    for _, created_at, plan_id, *_rest in rows:
        began = localdate(created_at)
        if (plan_id, began) not in memo:
            memo[plan_id, began] = _periods_to_write(plans[plan_id], began, today)
    starts = [period.start for periods in memo.values() for period in periods]
    if not starts:
        return []
    # By line and period only: the states are sorted out here. A filter on the state would let the database
    # walk a (review_state, …) index through millions of sent reports instead of the lines' few.
    states = dict.fromkeys(SENT, "sent") | {ReviewState.RETURNED: "returned"}
    reports = ProgressReport.objects.filter(
        report_visible_q(user), assignment__in=lines.values("pk"), period_start__gte=min(starts)
    ).values_list("assignment_id", "period_start", "review_state")
    state_of = {(line, start): states.get(state) for line, start, state in reports}
    groups: dict[tuple[int, date, int], OwedPeriod] = {}
    for pk, created_at, plan_id, unit_id, number, text in rows:
        for period in memo[plan_id, localdate(created_at)]:
            state = state_of.get((pk, period.start))
            if state == "sent":
                continue
            key = (plan_id, period.start, unit_id)
            if key not in groups:
                due = report_due_date(period)
                groups[key] = OwedPeriod(plans[plan_id], period, due, unit_id, due < today)
            groups[key].lines.append(OwedLine(pk, number, text, state == "returned"))
    return sorted(groups.values(), key=lambda g: (g.due, g.plan.pk, g.unit_id))
