"""看效果 / 查进度 / 问原因 of a plan for the office and leaders; the unit's page of its lines not started or
overdue, where it gives its reasons (说明原因)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.models import UNIT_ROLES
from taizhang.ledger.selectors import assignment_get
from taizhang.lib.pageforms import REFUSALS, form_errors, refusal_answer
from taizhang.plans.selectors import plan_get
from taizhang.supervision.forms import ExplanationForm
from taizhang.supervision.review3 import (
    Bucket,
    attach_effect,
    attach_explanations,
    attach_milestones,
    bucket_lines,
    explanation_lines,
    review3_counts,
    review3_lines,
)
from taizhang.supervision.selectors import READERS
from taizhang.supervision.services import explanation_give

PER_PAGE = 50


@role_required(*READERS)
@require_GET
def plan_review3(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Every line of the plan in one of three buckets, counted; one bucket's lines a page at a time, with
    what that bucket is about: the effect, the milestones, the reason."""
    plan = plan_get(user=request.user, pk=plan_id)
    today = timezone.localdate()
    lines = review3_lines(user=request.user, plan=plan, today=today)
    bucket = request.GET.get("bucket")
    bucket = bucket if bucket in Bucket.values else Bucket.LOOK
    missing = bucket == Bucket.ASK and request.GET.get("missing") == "1"
    page = Paginator(bucket_lines(lines, bucket, missing_only=missing), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = list(page)
    if bucket == Bucket.LOOK:
        attach_effect(rows)
    elif bucket == Bucket.CHECK:
        attach_milestones(rows, today=today)
    else:
        attach_explanations(rows, today=today)
    context = {
        "plan": plan,
        "today": today,
        "counts": review3_counts(lines),
        "bucket": bucket,
        "buckets": Bucket.choices,
        "missing": missing,
        "page": page,
        "rows": rows,
    }
    return render(request, "supervision/review3.html", context)


def _explanations_page(
    request: HttpRequest, *, error: str = "", focus: int | None = None, form=None, status=200
):
    today = timezone.localdate()
    page = Paginator(explanation_lines(user=request.user, today=today), PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = list(page)
    attach_explanations(rows, today=today)
    for row in rows:
        row.form = form if row.pk == focus and form is not None else ExplanationForm()
        row.error = error if row.pk == focus else ""
    shown = any(row.pk == focus for row in rows)
    context = {"page": page, "rows": rows, "today": today, "error": "" if shown else error}
    return render(request, "supervision/explanation_list.html", context, status=status)


@role_required(*UNIT_ROLES)
@require_GET
def explanation_list(request: HttpRequest) -> HttpResponse:
    """说明原因: the unit's lines not started or overdue, each with the reason given or a form to give
    it."""
    return _explanations_page(request)


@role_required(*UNIT_ROLES)
@require_POST
def explanation_give_view(request: HttpRequest, assignment_id: int) -> HttpResponse:
    line = assignment_get(user=request.user, pk=assignment_id)
    form = ExplanationForm(request.POST)
    if not form.is_valid():
        return _explanations_page(request, error=form_errors(form), focus=line.pk, form=form, status=422)
    try:
        explanation_give(actor=request.user, assignment=line, reason=form.cleaned_data["reason"])
    except REFUSALS as exc:
        status, message = refusal_answer(exc)
        if status == 403:
            raise
        return _explanations_page(request, error=message, focus=line.pk, form=form, status=status)
    messages.success(request, _("原因已记录。"))
    return redirect(f"{redirect('explanation_list').url}?page={request.GET.get('page', 1)}#line-{line.pk}")
