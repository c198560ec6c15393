"""报送周期: every reporting period of one ledger line, with its report's state, due date and late mark, and
the office's chases (催办) of the line: their count and list, and the button that chases once more."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.checks import is_office_admin_over_unit
from taizhang.accounts.models import Role
from taizhang.ledger.selectors import assignment_get
from taizhang.lib.pageforms import message_action
from taizhang.reports.chase import MAX_NOTE, line_chase
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.periods import Period, plan_periods, report_due_date
from taizhang.reports.selectors import line_chases, report_list


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
    assignment = assignment_get(user=request.user, pk=assignment_id, light=False)
    reports = {r.period_start: r for r in report_list(user=request.user, assignment_id=assignment.pk)}
    rows = period_rows(plan_periods(assignment.task.plan), reports, timezone.localdate())
    chases = list(line_chases(user=request.user, assignment_id=assignment.pk))
    context = {
        "assignment": assignment,
        "begun": [row for row in reversed(rows) if row.started],
        "to_come": [row for row in rows if not row.started],
        "chases": chases,
        "may_chase": is_office_admin_over_unit(request.user, assignment.unit_id),
        "chased_today": any(c.day == timezone.localdate() for c in chases),
        "note_max": MAX_NOTE,
    }
    return render(request, "reports/report_periods.html", context)


class ChaseForm(forms.Form):
    note = forms.CharField(required=False, max_length=MAX_NOTE, strip=True)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def line_chase_view(request: HttpRequest, assignment_id: int) -> HttpResponse:
    """催办: the office chases the line's unit; a message on the line's page says done or refused."""
    assignment = assignment_get(user=request.user, pk=assignment_id, light=False)
    form = ChaseForm(request.POST)
    return message_action(
        request,
        lambda: _chase(request, assignment, form.cleaned_data["note"]),
        back=redirect("report_periods", assignment_id=assignment.pk),
        form=form,
    )


def _chase(request: HttpRequest, assignment, note: str) -> str:
    line_chase(actor=request.user, assignment=assignment, note=note)
    return _("已催办，该单位的联络员和负责人已收到提醒。")
