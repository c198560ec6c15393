"""审核: the reports waiting for this user's decision, and the decision — approve, accept or return — on one
report or on the ticked rows of a page at once."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role, User
from taizhang.lib.pageforms import REFUSALS, form_errors, refusal_answer
from taizhang.lib.responses import is_htmx, wants_partial
from taizhang.reports.batch import BatchRefused, report_review_batch
from taizhang.reports.forms import BatchReviewForm, QueueFilterForm, ReviewForm
from taizhang.reports.models import ProgressReport
from taizhang.reports.queue import (
    COUNT_CAP,
    CappedPaginator,
    make_ready,
    queue_choices,
    queue_page_rows,
    queue_rows,
)
from taizhang.reports.selectors import report_get, report_list, review_queue
from taizhang.reports.workflow import report_accept, report_approve, report_return

REVIEWERS = (Role.UNIT_HEAD, Role.OFFICE_ADMIN)


PER_PAGE = 50


def _queue_context(request: HttpRequest, *, refused: dict[int, str] | None = None) -> dict:
    """The page: the filter form and one page of the queue made ready; after a refused batch, each refused
    row with its reason (``refused``: report id → reason) and the rows that were ticked still ticked."""
    user = request.user
    form = QueueFilterForm(request.GET, choices=queue_choices(user=user))
    rows = queue_page_rows(user=user, filters=form.filters(), sort=form.order())
    ids = rows.values_list("pk", flat=True)
    page = CappedPaginator(ids, PER_PAGE, cap=COUNT_CAP).get_page(request.GET.get("page"))
    ready = make_ready(queue_rows(list(page)), today=timezone.localdate())
    ticked: set[str] = set(request.POST.getlist("report")) if refused is not None else set()
    if request.GET.get("select") == "page":  # 全选本页 without JavaScript
        ticked = {f"{row.pk}.{row.version}" for row in ready}
    for row in ready:
        row.refusal = (refused or {}).get(row.pk, "")
        row.ticked = f"{row.pk}.{row.version}" in ticked
    return {
        "form": form,
        "page": page,
        "page_numbers": list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
        "rows": ready,
    }


def _queue_page(request: HttpRequest, context: dict, *, status: int = 200) -> HttpResponse:
    partial = wants_partial(request)
    template = "reports/_review_results.html" if partial else "reports/review_list.html"
    context["partial"] = partial
    response = render(request, template, context, status=200 if partial else status)
    patch_vary_headers(response, ["HX-Request"])
    return response


@role_required(*REVIEWERS)
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    """审核: for a unit head the unit's submitted reports; for the office the approved reports of its region.
    Filtered, sorted (oldest period first unless chosen), 50 a page; with htmx the results part is swapped,
    without it the filter form is a plain GET."""
    return _queue_page(request, _queue_context(request))


@role_required(*REVIEWERS)
@require_POST
def review_batch(request: HttpRequest) -> HttpResponse:
    """批量审核 of the ticked rows: all passed, or all returned with one reason — or, when any is refused,
    none, and the page again with each refused row's reason (``batch.report_review_batch``). The query
    string carries the filters and page the reviewer was on, and they come back to them."""
    form = BatchReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return _queue_page(request, _queue_context(request, refused={}), status=422)
    data = form.cleaned_data
    try:
        decided = report_review_batch(
            actor=request.user, items=data["report"], action=data["action"], reason=data["reason"]
        )
    except BatchRefused as exc:
        messages.error(request, str(exc))
        refused = {row.report_id: row.reason for row in exc.rows}
        return _queue_page(request, _queue_context(request, refused=refused), status=422)
    except REFUSALS as exc:
        status, error = refusal_answer(exc)
        if status == 403:
            raise PermissionDenied(error) from None
        messages.error(request, error)
        return _queue_page(request, _queue_context(request, refused={}), status=status)
    n = len(decided)
    if data["action"] == "return":
        messages.success(request, ngettext("已退回 %(n)d 份报送。", "已退回 %(n)d 份报送。", n) % {"n": n})
    else:
        messages.success(request, ngettext("已通过 %(n)d 份报送。", "已通过 %(n)d 份报送。", n) % {"n": n})
    if is_htmx(request):
        return _queue_page(request, _queue_context(request))
    query = request.GET.urlencode()
    return redirect(reverse("review_list") + (f"?{query}" if query else ""))


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
        row = make_ready([report_list(user=request.user).get(pk=report.pk)], today=timezone.localdate())[0]
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
