"""Report timeliness (按时报送) for the dashboard: per reporting period, how many of the reports expected were
sent on time, sent late, or are missing. One aggregate query over the reports of every period at once.

Expected: one report per line in scope and period the line owes (``reports.periods.periods_owed``: from the
period in which the plan was published — or from the first period anyone reported on, when reports were
entered for periods before that — through the last one whose report is due by now). A report counts as sent
once it left the draft state; on time or late is its ``late`` mark, set at its first submission
(``reports.workflow``). A report still a draft after its due date is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from taizhang.ledger.models import Assignment
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.periods import Period, first_owed, periods_owed, plan_periods, report_due_date


@dataclass(frozen=True, slots=True)
class PeriodFigures:
    period: Period
    due: date
    expected: int
    on_time: int
    late: int

    @property
    def sent(self) -> int:
        return self.on_time + self.late

    @property
    def missing(self) -> int:
        return max(self.expected - self.sent, 0)


def report_figures(
    *, plan: Plan, lines: QuerySet[Assignment], expected: int, today: date
) -> tuple[list[PeriodFigures], PeriodFigures | None]:
    """The closed periods (due date before ``today``), oldest first, and the period whose report is due
    next (None once the plan's last period is closed, or for a plan never published). ``expected`` is the
    number of ``lines``: each owes one report a period."""
    if plan.published_at is None:
        return [], None
    periods = [p for p in plan_periods(plan) if p.start <= today]
    if not periods:
        return [], None
    rows = (
        ProgressReport.objects.filter(
            assignment__in=lines.values("pk"), period_start__gte=periods[0].start, period_start__lte=today
        )
        .exclude(review_state=ReviewState.DRAFT)
        .values("period_start")
        .annotate(on_time=Count("pk", filter=Q(late=False)), late=Count("pk", filter=Q(late=True)))
        .order_by()
    )
    sent = {row["period_start"]: row for row in rows}
    first = first_owed(plan, first_sent=min(sent, default=None))

    def figures(period: Period) -> PeriodFigures:
        row = sent.get(period.start, {})
        return PeriodFigures(
            period, report_due_date(period), expected, row.get("on_time", 0), row.get("late", 0)
        )

    closed = [figures(p) for p in periods_owed(plan, today=today, first_sent=min(sent, default=None))]
    current = next((p for p in plan_periods(plan) if p.start >= first and report_due_date(p) >= today), None)
    return closed, figures(current) if current else None
