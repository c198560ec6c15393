"""审核: the reports waiting for this user's decision, and the decision — approve, accept or return."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role, User
from taizhang.lib.pageforms import REFUSALS, form_errors, refusal_answer
from taizhang.lib.responses import is_htmx
from taizhang.reports.forms import ReviewForm
from taizhang.reports.models import ProgressReport, ReportStep, ReviewState
from taizhang.reports.selectors import report_get, report_list, review_queue
from taizhang.reports.workflow import report_accept, report_approve, report_return

REVIEWERS = (Role.UNIT_HEAD, Role.OFFICE_ADMIN)


def with_sent_time(reports: QuerySet[ProgressReport]) -> QuerySet[ProgressReport]:
    """``submitted_at``: when the report was last sent (a corrected report is sent again), in the same
    query as the rows."""
    sent = ReportStep.objects.filter(report=OuterRef("pk"), to_state=ReviewState.SUBMITTED).order_by("-at")
    return reports.annotate(submitted_at=Subquery(sent.values("at")[:1]))


@role_required(*REVIEWERS)
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    """For a unit head the unit's submitted reports; for the office the approved reports of its region.
    Oldest period first."""
    rows = with_sent_time(review_queue(user=request.user))
    return render(request, "reports/review_list.html", {"rows": rows})


def _decide(actor: User, report: ProgressReport, data: dict) -> str:
    action, version = data["action"], data["expected_version"]
    if action == "return":
        report_return(actor=actor, report=report, reason=data["reason"], expected_version=version)
        return _("已退回，联络员可修改后重新报送。")
    if action == "approve":
        report_approve(actor=actor, report=report, expected_version=version)
        return _("已审核，报惩防办。")
    report_accept(actor=actor, report=report, expected_version=version)
    return _("已通过。")


@role_required(*REVIEWERS)
@require_POST
def report_review(request: HttpRequest, report_id: int) -> HttpResponse:
    """One decision on one report, from the version the reviewer saw. With htmx the row is answered and
    swapped in place, showing the new state or the refusal; without, the list is shown again."""
    report = report_get(user=request.user, pk=report_id)
    form = ReviewForm(request.POST)
    note, error, status = "", "", 200
    if not form.is_valid():
        error = form_errors(form)
    else:
        try:
            note = _decide(request.user, report, form.cleaned_data)
        except REFUSALS as exc:
            status, error = refusal_answer(exc)
    if is_htmx(request):
        # htmx swaps only 2xx answers; the refusal is shown in the row it swaps.
        row = with_sent_time(report_list(user=request.user)).get(pk=report.pk)
        waiting = review_queue(user=request.user).filter(pk=report.pk).exists()
        context = {"row": row, "waiting": waiting, "note": note, "error": error}
        return render(request, "reports/_review_row.html", context)
    if status == 403:
        raise PermissionDenied(error)  # not this user's decision: the same answer as any other page
    if error:
        messages.error(request, error)
    else:
        messages.success(request, note)
    return redirect("review_list")
