"""考核 home (the assessments the user may see; for the office its standards too), a new assessment, an
assessment's page (state, steps, ranking with last year's change and a chart) and its steps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.checks import OFFICE_SIDE, is_office_admin_of, is_office_side_of, office_region
from taizhang.accounts.models import Role
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.assessment import services
from taizhang.assessment.checks import NOT_OFFICE
from taizhang.assessment.circular import assessment_circular_draft
from taizhang.assessment.forms import ApprovalForm, AssessmentForm, StepForm
from taizhang.assessment.models import Assessment
from taizhang.assessment.ranking import GRADE_LABELS
from taizhang.assessment.selectors import (
    assessment_get,
    assessment_list,
    own_assessed,
    ranking_rows,
    standard_list,
)
from taizhang.assessment.snapshot import SnapshotTampered, published_data
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.confirm import Confirmation, confirm_page, is_confirmed
from taizhang.lib.pageforms import form_errors, form_submit, refusal_answer
from taizhang.lib.responses import pdf_available


@role_required(*ANY_ROLE)
@require_GET
def assessment_list_view(request: HttpRequest) -> HttpResponse:
    office = bool(region_ids_in_scope(request.user, *OFFICE_SIDE))
    context = {
        "assessments": assessment_list(user=request.user),
        "standards": standard_list(user=request.user) if office else None,
        "may_create": bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN)),
    }
    return render(request, "assessment/assessment_list.html", context)


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def assessment_create(request: HttpRequest) -> HttpResponse:
    form = AssessmentForm(request.POST or None, user=request.user)
    if request.method != "POST":
        return render(request, "assessment/assessment_create.html", {"form": form})

    def create(data: dict):
        return services.assessment_create(
            actor=request.user,
            region=office_region(request.user, refusal=NOT_OFFICE),
            year=data["year"],
            title=data["title"],
            standard_version=data["standard_version"],
            units=data["units"],
            plans=data["plans"],
        )

    sent = form_submit(form, create)
    if sent.done:
        messages.success(request, _("考核已创建，请计算得分。"))
        return redirect("assessment_detail", sent.result.pk)
    return render(request, "assessment/assessment_create.html", {"form": form}, status=sent.status)


def chart_data(rows: list[dict]) -> dict:
    """The bar chart of totals, best first; labels already translated (ECharts' locale by language)."""
    return {
        "locale": "EN" if (get_language() or "").startswith("en") else "ZH",
        "units": [row["unit"] for row in rows],
        "totals": [float(row["total"]) if row["total"] is not None else 0 for row in rows],
        "grades": [str(GRADE_LABELS.get(row["grade"], "")) for row in rows],
        "grade_keys": [row["grade"] for row in rows],
        "text": {"total": _("总分"), "none": _("暂无数据")},
    }


def _page(
    request, assessment: Assessment, *, status: int = 200, form: StepForm | None = None, error: str = ""
):
    user = request.user
    try:
        rows = ranking_rows(user=user, assessment=assessment)
    except SnapshotTampered:  # alarmed by the read; the page says so instead of showing the figures
        return render(request, "assessment/snapshot_tampered.html", {"assessment": assessment}, status=409)
    for row in rows or ():
        row["grade_label"] = GRADE_LABELS.get(row["grade"], "")
    writer = is_office_admin_of(user, assessment.region_id)
    ranked = assessment.state == Assessment.State.PUBLISHED
    context = {
        "ranked": ranked,
        "approver": assessment.state == Assessment.State.PENDING
        and assessment.region_id in region_ids_in_scope(user, Role.LEADER),
        "assessment": assessment,
        "office": is_office_side_of(user, assessment.region_id),
        "writer": writer,
        "rows": rows,
        "chart": chart_data(rows) if rows and ranked else None,
        "mine": own_assessed(user=user, assessment=assessment),
        "units": assessment.units.select_related("unit").order_by("unit__order", "unit__name"),
        "step_form": form or StepForm(initial={"expected_version": assessment.version}),
        "error": error,
        "previous": (published_data(assessment)["previous"] if assessment.state == Assessment.State.PUBLISHED
                     else None),
        "pdf": pdf_available(),
    }  # fmt: skip
    return render(request, "assessment/assessment_detail.html", context, status=status)


@role_required(*ANY_ROLE)
@require_GET
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    return _page(request, assessment_get(user=request.user, pk=assessment_id))


def _publish_confirmation(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """发布考核 asks first: the assessed units whose liaisons are told, and that the result is final."""
    units = [
        a.unit.name for a in assessment.units.select_related("unit").order_by("unit__order", "unit__name")
    ]
    confirmation = Confirmation(
        title=_("发布考核"),
        lines=[
            _("发布《%(title)s》的考核结果（得分、等次和排名），发布后不能再修改。")
            % {"title": assessment.title},
            _("发布后 %(n)s 个被考核单位的联络员将收到通知。") % {"n": len(units)},
        ],
        recipients=units,
        button=_("确认发布"),
        action=reverse("assessment_step", args=[assessment.pk]),
        back=reverse("assessment_detail", args=[assessment.pk]),
    )
    fields = [("action", "publish"), ("expected_version", str(assessment.version))]
    return confirm_page(request, confirmation, fields=fields)


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def assessment_step(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """计算, 提交审核, 提交审批, 退回评分, 发布, 起草考核通报: refusals show the page again (422; 409 when
    stale). 发布 is confirmed first (``lib.confirm``): GET ``?action=publish``, or a POST without
    ``confirmed``, is the confirmation page."""
    assessment = assessment_get(user=request.user, pk=assessment_id)
    if request.method == "GET" or (request.POST.get("action") == "publish" and not is_confirmed(request)):
        asked = request.method == "POST" or request.GET.get("action", "publish") == "publish"
        approved = assessment.state == Assessment.State.APPROVED  # only an approved result is published
        if not (asked and approved and is_office_admin_of(request.user, assessment.region_id)):
            return redirect("assessment_detail", assessment.pk)
        return _publish_confirmation(request, assessment)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _page(request, assessment, status=422, form=form)
    data, actor = form.cleaned_data, request.user
    version = data["expected_version"]
    try:
        match data["action"]:
            case "compute":
                services.assessment_compute(actor=actor, assessment=assessment, expected_version=version)
                note = _("得分已计算。")
            case "review":
                services.assessment_to_review(actor=actor, assessment=assessment, expected_version=version)
                note = _("已提交审核，评分已锁定。")
            case "submit":
                services.assessment_submit_approval(
                    actor=actor, assessment=assessment, expected_version=version
                )
                note = _("已提交领导审批。")
            case "back":
                services.assessment_back_to_draft(
                    actor=actor, assessment=assessment, reason=data["reason"], expected_version=version
                )
                note = _("已退回评分。")
            case "publish":
                services.assessment_publish(actor=actor, assessment=assessment, expected_version=version)
                note = _("考核结果已发布，已通知各单位联络员。")
            case _:
                circular = assessment_circular_draft(actor=actor, assessment=assessment)
                messages.success(request, _("考核通报草稿已生成，请修改后发布。"))
                return redirect("circular_edit", circular.pk)
    except (StaleEdit, ValidationError) as exc:
        status, error = refusal_answer(exc)
        form.add_error(None, error)
        return _page(request, assessment_get(user=actor, pk=assessment_id), status=status, form=form)
    messages.success(request, note)
    return redirect("assessment_detail", assessment.pk)


@role_required(Role.LEADER)
@require_POST
def assessment_approval(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """审批通过 / 退回 by a leader of the region: refusals show the page again (403 for the wrong person,
    422 for the wrong state or a missing reason, 409 when stale)."""
    assessment = assessment_get(user=request.user, pk=assessment_id)
    form = ApprovalForm(request.POST)
    if not form.is_valid():
        return _page(request, assessment, status=422, error=form_errors(form))
    data, actor = form.cleaned_data, request.user
    try:
        if data["action"] == "approve":
            services.assessment_approve(
                actor=actor, assessment=assessment, expected_version=data["expected_version"]
            )
            note = _("已审批通过，惩防办可以发布。")
        else:
            services.assessment_return(
                actor=actor, assessment=assessment, reason=data["reason"],
                expected_version=data["expected_version"],
            )  # fmt: skip
            note = _("已退回惩防办。")
    except (StaleEdit, ValidationError) as exc:
        status, error = refusal_answer(exc)
        return _page(request, assessment_get(user=actor, pk=assessment_id), status=status, error=error)
    messages.success(request, note)
    return redirect("assessment_detail", assessment.pk)
