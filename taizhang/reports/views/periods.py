"""报送周期: every reporting period of one ledger line, with its report's state, due date and late mark."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.ledger.selectors import assignment_get
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.periods import Period, plan_periods, report_due_date
from taizhang.reports.selectors import report_list


@dataclass(frozen=True)
class PeriodRow:
    period: Period
    due: date
    report: ProgressReport | None  # None also when a draft is not the viewer's to see
    started: bool  # a period that has not begun cannot be reported on yet
    unsent_past_due: bool  # 逾期未报: due date passed and nothing sent


def period_rows(periods: list[Period], reports: dict[date, ProgressReport], today: date) -> list[PeriodRow]:
    rows = []
    for period in periods:
        report = reports.get(period.start)
        due = report_due_date(period)
        unsent = report is None or report.review_state == ReviewState.DRAFT
        rows.append(PeriodRow(period, due, report, period.start <= today, unsent and today > due))
    return rows


@role_required(*ANY_ROLE)
@require_GET
def report_periods(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """The line's periods: those begun newest first, then those to come. Anyone who sees the line sees its
    sent reports (the lead unit its cooperating units', the office and leaders their region's); a draft
    only its own unit."""
    assignment = assignment_get(user=request.user, pk=assignment_id)
    reports = {r.period_start: r for r in report_list(user=request.user, assignment_id=assignment.pk)}
    rows = period_rows(plan_periods(assignment.task.plan), reports, timezone.localdate())
    context = {
        "assignment": assignment,
        "begun": [row for row in reversed(rows) if row.started],
        "to_come": [row for row in rows if not row.started],
    }
    return render(request, "reports/report_periods.html", context)
