"""进展报送: the report of one ledger line for one period — written by the unit's liaison, read by everyone
who sees the line — with its evidence files (佐证材料) and its review trail (审核记录)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.files.checks import upload_limits
from taizhang.files.forms import FilesForm
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_get
from taizhang.lib.pageforms import REFUSALS, form_errors, refusal_answer
from taizhang.lib.responses import is_htmx
from taizhang.plans.models import Plan
from taizhang.reports.checks import report_period
from taizhang.reports.forms import ReportForm
from taizhang.reports.models import EDITABLE_STATES, ProgressReport, ReviewState
from taizhang.reports.periods import Period, is_plan_period, period_for, report_due_date
from taizhang.reports.selectors import report_get, report_list
from taizhang.reports.services import evidence_add, report_save


def _period(assignment: Assignment, start: date) -> Period:
    """The plan's period beginning on ``start``; 404 for a day that begins none."""
    period = period_for(start, assignment.task.plan.report_cadence)
    if period.start != start or not is_plan_period(assignment.task.plan, period):
        raise Http404
    return period


def _report(user: User, assignment: Assignment, period: Period) -> ProgressReport | None:
    """The period's report if there is one the user may see (a draft only for its own unit)."""
    return report_list(user=user, assignment_id=assignment.pk).filter(period_start=period.start).first()


def _may_write(user: User, assignment: Assignment, report: ProgressReport | None, period: Period) -> bool:
    """Whether to offer the form: the unit's liaison, a published plan, a period that has begun, a report
    not yet sent (or returned). The services decide again when the form comes back."""
    return (
        assignment.unit_id in unit_ids_in_scope(user, Role.LIAISON)
        and assignment.task.plan.status == Plan.Status.PUBLISHED
        and assignment.closed_at is None
        and period.start <= timezone.localdate()
        and (report is None or report.review_state in EDITABLE_STATES)
    )


def _evidence_context(report: ProgressReport | None, may_write: bool, error: str = "") -> dict:
    evidence = report.evidence.select_related("uploaded_by").order_by("uploaded_at", "pk") if report else []
    return {
        "report": report,
        "evidence": evidence,
        "may_write": may_write,
        "evidence_form": FilesForm(),
        "evidence_error": error,
        **upload_limits(),
    }


def _page(
    request: HttpRequest,
    assignment: Assignment,
    period: Period,
    report: ProgressReport | None,
    *,
    form: ReportForm | None = None,
    error: str = "",
    evidence_error: str = "",
    status: int = 200,
) -> HttpResponse:
    may_write = _may_write(request.user, assignment, report, period)
    steps = list(report.steps.select_related("actor")) if report else []
    returned = report is not None and report.review_state == ReviewState.RETURNED
    reasons = [step.reason for step in steps if step.to_state == ReviewState.RETURNED]
    if form is None and may_write:
        form = ReportForm(
            initial={
                "status": report.status if report else ProgressReport.Status.IN_PROGRESS,
                "narrative": report.narrative if report else "",
                "expected_version": report.version if report else None,
            }
        )
    context = {
        "assignment": assignment,
        "period": period,
        "due": report_due_date(period),
        "started": period.start <= timezone.localdate(),
        "steps": steps,
        "return_reason": reasons[-1] if returned and reasons else "",
        "locked": report is not None and report.review_state not in EDITABLE_STATES,
        "form": form if may_write else None,
        "error": error,
        **_evidence_context(report, may_write, evidence_error),
    }
    return render(request, "reports/report_edit.html", context, status=status)


@role_required(*ANY_ROLE)
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, assignment_id: int, period_start: date) -> HttpResponse:
    """GET: the period's report (a form for the unit's liaison while it is open, read-only otherwise).
    POST: save the draft, and with ``action=submit`` send it — one transaction, so a refused submission
    leaves no half-saved draft."""
    assignment = assignment_get(user=request.user, pk=assignment_id)
    period = _period(assignment, period_start)
    report = _report(request.user, assignment, period)
    if request.method == "GET":
        return _page(request, assignment, period, report)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _page(request, assignment, period, report, form=form, status=422)
    try:
        if report is not None:
            report_get(user=request.user, pk=report.pk, for_edit=True)  # 403 once it is locked
        report_save(
            actor=request.user,
            assignment=assignment,
            period=period,
            status=form.cleaned_data["status"],
            narrative=form.cleaned_data["narrative"],
            expected_version=form.cleaned_data["expected_version"],
            submit=form.submits,
        )
    except REFUSALS as exc:
        status, message = refusal_answer(exc)
        report = _report(request.user, assignment, period)
        return _page(request, assignment, period, report, form=form, error=message, status=status)
    messages.success(request, _("已报送，等待单位负责人审核。") if form.submits else _("草稿已保存。"))
    return redirect("report_edit", assignment_id=assignment.pk, period_start=period.start)


@role_required(Role.LIAISON)
@require_POST
def evidence_upload(request: HttpRequest, report_id: int) -> HttpResponse:
    """Add one or more files to a report the unit is still writing. With htmx the evidence panel is
    answered and swapped in place (the new rows, or the refusal); without, the page is."""
    report = report_get(user=request.user, pk=report_id)
    form = FilesForm(request.POST, request.FILES)
    status, error = 200, ""
    if not form.is_valid():
        status, error = 422, form_errors(form)
    else:
        try:
            with transaction.atomic():  # every file or none
                for upload in form.cleaned_data["files"]:
                    evidence_add(report=report, upload=upload, actor=request.user)
        except REFUSALS as exc:
            status, error = refusal_answer(exc)
    period = report_period(report)
    if is_htmx(request):
        # htmx swaps only 2xx answers; the refusal is in the panel it swaps.
        may_write = _may_write(request.user, report.assignment, report, period)
        return render(request, "reports/_evidence.html", _evidence_context(report, may_write, error))
    if error:
        return _page(request, report.assignment, period, report, evidence_error=error, status=status)
    messages.success(request, _("佐证材料已上传。"))
    return redirect("report_edit", assignment_id=report.assignment_id, period_start=report.period_start)
