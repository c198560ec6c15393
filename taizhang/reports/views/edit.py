"""进展报送: the report of one ledger line for one period — written by the unit's liaison, read by everyone
who sees the line — with its evidence files (佐证材料) and its review trail (审核记录)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import people_of_units, unit_ids_in_scope
from taizhang.files.checks import upload_limits
from taizhang.files.forms import FilesForm
from taizhang.ledger.models import Assignment
from taizhang.ledger.selectors import assignment_get
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.confirm import Confirmation, confirm_page, is_confirmed
from taizhang.lib.pageforms import REFUSALS, form_errors, refusal_answer
from taizhang.lib.responses import is_htmx
from taizhang.plans.models import Plan
from taizhang.reports.checks import report_period
from taizhang.reports.forms import ReportForm
from taizhang.reports.models import EDITABLE_STATES, ProgressReport, ReviewState
from taizhang.reports.periods import Period, is_plan_period, period_for, report_due_date
from taizhang.reports.selectors import evidence_get, report_get, report_list
from taizhang.reports.services import evidence_add, evidence_add_first, evidence_remove, report_save


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


def _evidence_context(
    report: ProgressReport | None, may_write: bool, error: str = "", *, assignment=None, period=None
) -> dict:
    evidence = report.evidence.select_related("uploaded_by").order_by("uploaded_at", "pk") if report else []
    return {
        "report": report,
        "assignment": assignment or report.assignment,
        "period": period or report_period(report),
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
        **_evidence_context(report, may_write, evidence_error, assignment=assignment, period=period),
    }
    return render(request, "reports/report_edit.html", context, status=status)


def _submit_confirmation(
    request: HttpRequest, assignment: Assignment, period: Period, report: ProgressReport | None
) -> HttpResponse:
    """报送 asks first: to whom the report goes (the unit's heads) and that it is locked once sent. GET
    ``?action=submit`` confirms the saved draft; a POST without ``confirmed`` carries what was typed."""
    heads = people_of_units([assignment.unit_id], roles=[Role.UNIT_HEAD]).get(
        (assignment.unit_id, Role.UNIT_HEAD), []
    )
    names = [head.get_full_name() or head.get_username() for head in heads]
    lines = [
        _("报送%(unit)s %(period)s的进展情况。") % {"unit": assignment.unit.name, "period": period.label},
        _("将报送至%(unit)s单位负责人审批：%(names)s。")
        % {"unit": assignment.unit.name, "names": "、".join(names) or _("（本单位尚无单位负责人账号）")},
        _("报送后即锁定，退回前不能修改。"),
    ]
    url = reverse("report_edit", args=[assignment.pk, period.start])
    confirmation = Confirmation(title=_("报送"), lines=lines, button=_("确认报送"), action=url, back=url)
    fields = [
        ("action", "submit"),
        ("status", report.status if report else ProgressReport.Status.IN_PROGRESS),
        ("narrative", report.narrative if report else ""),
        ("expected_version", str(report.version) if report else ""),
    ]
    return confirm_page(request, confirmation, fields=fields)


@role_required(*ANY_ROLE)
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, assignment_id: int, period_start: date) -> HttpResponse:
    """GET: the period's report (a form for the unit's liaison while it is open, read-only otherwise).
    POST: save the draft, and with ``action=submit`` send it — one transaction, so a refused submission
    leaves no half-saved draft."""
    assignment = assignment_get(user=request.user, pk=assignment_id, light=False)
    period = _period(assignment, period_start)
    report = _report(request.user, assignment, period)
    if request.method == "GET":
        if request.GET.get("action") == "submit" and _may_write(request.user, assignment, report, period):
            return _submit_confirmation(request, assignment, period, report)
        return _page(request, assignment, period, report)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _page(request, assignment, period, report, form=form, status=422)
    if form.submits and not is_confirmed(request):
        return _submit_confirmation(request, assignment, period, report)
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
    return _evidence_answer(request, report, error, status, done=_("佐证材料已上传。"))


def _evidence_answer(
    request: HttpRequest,
    report: ProgressReport,
    error: str,
    status: int,
    *,
    done: str,
    draft_created: bool = False,
) -> HttpResponse:
    """After a change to the files: with htmx the evidence panel (the refusal inside it, as htmx swaps
    only 2xx answers); without, the page again with the refusal, or a message and a redirect to it."""
    period = report_period(report)
    if is_htmx(request):
        may_write = _may_write(request.user, report.assignment, report, period)
        context = _evidence_context(report, may_write, error, period=period)
        context["draft_created"] = draft_created
        return render(request, "reports/_evidence.html", context)
    if error:
        return _page(request, report.assignment, period, report, evidence_error=error, status=status)
    messages.success(request, done)
    return redirect("report_edit", assignment_id=report.assignment_id, period_start=report.period_start)


@role_required(Role.LIAISON)
@require_POST
def evidence_upload_first(request: HttpRequest, assignment_id: int, period_start: date) -> HttpResponse:
    """Files before the report's first save: the draft is created with them (``evidence_add_first``).
    Once the period has a report this adds to it, as ``evidence_upload`` does."""
    assignment = assignment_get(user=request.user, pk=assignment_id, light=False)
    period = _period(assignment, period_start)
    form = FilesForm(request.POST, request.FILES)
    if not form.is_valid():
        return _first_refused(request, assignment, period, 422, form_errors(form))
    try:
        report, _files = evidence_add_first(
            actor=request.user, assignment=assignment, period=period, uploads=form.cleaned_data["files"]
        )
    except REFUSALS as exc:
        return _first_refused(request, assignment, period, *refusal_answer(exc))
    report = report_get(user=request.user, pk=report.pk)
    return _evidence_answer(
        request, report, "", 200, done=_("佐证材料已上传，报送草稿已创建。"), draft_created=True
    )


def _first_refused(
    request: HttpRequest, assignment: Assignment, period: Period, status: int, error: str
) -> HttpResponse:
    report = _report(request.user, assignment, period)
    if report is not None:
        return _evidence_answer(request, report, error, status, done="")
    if is_htmx(request):
        may_write = _may_write(request.user, assignment, None, period)
        context = _evidence_context(None, may_write, error, assignment=assignment, period=period)
        return render(request, "reports/_evidence.html", context)
    return _page(request, assignment, period, None, evidence_error=error, status=status)


@role_required(Role.LIAISON)
@require_POST
def evidence_remove_view(request: HttpRequest, evidence_id: int) -> HttpResponse:
    """删除 a file of a report still being written (draft or returned); refused (422) once submitted."""
    evidence = evidence_get(user=request.user, pk=evidence_id)
    report = evidence.report
    status, error = 200, ""
    try:
        evidence_remove(evidence=evidence, actor=request.user)
    except (ValidationError, StaleEdit) as exc:
        status, error = refusal_answer(exc)
    report = report_get(user=request.user, pk=report.pk)
    return _evidence_answer(request, report, error, status, done=_("佐证材料已删除。"))
