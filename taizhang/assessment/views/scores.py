"""A unit's score sheet (得分表): per indicator its maximum, the data measured, the computed score, the self
score and reason, the assessors' score and reason, and the final — what the reader may see — with the forms
of whoever may score now (the unit's self-assessment; the office's assessor scores)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.checks import is_office_admin_of
from taizhang.accounts.models import UNIT_ROLES, Role
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.assessment import services
from taizhang.assessment.display import measured_text
from taizhang.assessment.forms import ScoreForm, SubmitForm
from taizhang.assessment.models import AssessedUnit, Assessment, Indicator, Score
from taizhang.assessment.ranking import GRADE_LABELS
from taizhang.assessment.rules import GENERAL
from taizhang.assessment.selectors import assessed_get, score_sheet
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.confirm import Confirmation, confirm_page, is_confirmed
from taizhang.lib.pageforms import form_errors, refusal_answer


def _page(request, assessed: AssessedUnit, *, status: int = 200, error: str = "") -> HttpResponse:
    user, assessment = request.user, assessed.assessment
    draft = assessment.state == Assessment.State.DRAFT
    self_scoring = (
        draft
        and assessed.self_submitted_at is None
        and assessed.unit_id in unit_ids_in_scope(user, *UNIT_ROLES)
    )
    assessing = draft and is_office_admin_of(user, assessment.region_id)
    rows, summary = score_sheet(user=user, assessed=assessed)
    for row in rows:
        row.measured = measured_text(row.score.get("measured") if row.score else None)
        row.self_form = self_scoring and row.score and row.method == Indicator.Method.MANUAL
        row.assessor_form = assessing and row.score is not None
    context = {
        "assessed": assessed,
        "assessment": assessment,
        "rows": rows,
        "summary": summary,
        "grade_label": GRADE_LABELS.get(summary["grade"], ""),
        "self_scoring": self_scoring,
        "assessing": assessing,
        "general_rules": GENERAL,
        "error": error,
    }
    return render(request, "assessment/assessed_unit.html", context, status=status)


@role_required(*ANY_ROLE)
@require_GET
def assessment_unit(request: HttpRequest, assessed_unit_id: int) -> HttpResponse:
    return _page(request, assessed_get(user=request.user, pk=assessed_unit_id))


def _score_of(assessed: AssessedUnit, score_id: int) -> Score | None:
    """The unit's score by id; None for any other (a stale or altered form: refused, 422)."""
    return assessed.scores.select_related("indicator", "assessed__assessment").filter(pk=score_id).first()


def _save(request, assessed_unit_id: int, save) -> HttpResponse:
    assessed = assessed_get(user=request.user, pk=assessed_unit_id)
    form = ScoreForm(request.POST)
    if not form.is_valid():
        return _page(request, assessed, status=422, error=form_errors(form))
    data = form.cleaned_data
    score = _score_of(assessed, data["score"])
    if score is None:
        return _page(request, assessed, status=422, error=_("该指标不在本单位的得分表中，请刷新页面。"))
    try:
        save(
            actor=request.user, score=score, value=data["value"], reason=data["reason"],
            expected_version=data["expected_version"],
        )  # fmt: skip
    except (StaleEdit, ValidationError) as exc:
        status, error = refusal_answer(exc)
        return _page(request, assessed_get(user=request.user, pk=assessed.pk), status=status, error=error)
    messages.success(request, _("得分已保存。"))
    return redirect("assessment_unit", assessed.pk)


def _submit_confirmation(request: HttpRequest, assessed: AssessedUnit) -> HttpResponse:
    """提交自评 asks first: to whom it goes (the office of the assessment's region) and that it is final."""
    assessment = assessed.assessment
    confirmation = Confirmation(
        title=_("提交自评"),
        lines=[
            _("提交%(unit)s在《%(title)s》中的自评，提交后不能再修改。")
            % {"unit": assessed.unit.name, "title": assessment.title},
            _("自评将提交至%(region)s惩防办考核组评分。") % {"region": assessment.region.name},
        ],
        button=_("确认提交"),
        action=reverse("assessment_self_score", args=[assessed.pk]),
        back=reverse("assessment_unit", args=[assessed.pk]),
    )
    fields = [("action", "submit"), ("expected_version", str(assessed.version))]
    return confirm_page(request, confirmation, fields=fields)


@role_required(*UNIT_ROLES)
@require_http_methods(["GET", "POST"])
def assessment_self_score(request: HttpRequest, assessed_unit_id: int) -> HttpResponse:
    """One self score (the default), or ``action=submit``: the whole self-assessment is submitted, once
    confirmed (``lib.confirm``: GET ``?action=submit``, or a POST without ``confirmed``, is the
    confirmation page)."""
    if request.method == "GET":
        assessed = assessed_get(user=request.user, pk=assessed_unit_id)
        open_ = assessed.assessment.state == Assessment.State.DRAFT and assessed.self_submitted_at is None
        if request.GET.get("action", "submit") != "submit" or not open_:
            return redirect("assessment_unit", assessed.pk)
        return _submit_confirmation(request, assessed)
    if request.POST.get("action") != "submit":
        return _save(request, assessed_unit_id, services.self_score_save)
    assessed = assessed_get(user=request.user, pk=assessed_unit_id)
    if not is_confirmed(request):
        return _submit_confirmation(request, assessed)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return _page(request, assessed, status=422, error=_("请刷新页面后重试。"))
    try:
        services.self_assessment_submit(
            actor=request.user, assessed=assessed, expected_version=form.cleaned_data["expected_version"]
        )
    except (StaleEdit, ValidationError) as exc:
        status, error = refusal_answer(exc)
        return _page(request, assessed_get(user=request.user, pk=assessed.pk), status=status, error=error)
    messages.success(request, _("自评已提交。"))
    return redirect("assessment_unit", assessed.pk)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def assessment_assessor_score(request: HttpRequest, assessed_unit_id: int) -> HttpResponse:
    return _save(request, assessed_unit_id, services.assessor_score_save)
