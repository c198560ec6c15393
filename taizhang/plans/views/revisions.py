"""修订、版本、撤回: a revised file read against the live plan (its diff), applied as the next version; the
versions of a plan; withdrawing a published plan. The office of the plan's region only."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.i18n import said, said_lazy
from taizhang.lib.pageforms import form_submit, message_action, refusal_answer
from taizhang.plans import services
from taizhang.plans.permissions import require_office_admin
from taizhang.plans.revisions.apply import revision_apply
from taizhang.plans.revisions.compare import revision_compare
from taizhang.plans.revisions.forms import ReviseApplyForm, ReviseUploadForm, WithdrawForm
from taizhang.plans.selectors import plan_get
from taizhang.plans.views import import_session as uploads

_EXPIRED = said_lazy(
    "上传的文件已过期，请重新上传修订版。", "The uploaded file has expired; upload the revision again."
)


def _office_plan(request: HttpRequest, plan_id: int):
    plan = plan_get(user=request.user, pk=plan_id)
    require_office_admin(request.user, plan.region)
    return plan


@role_required(Role.OFFICE_ADMIN)
def plan_revise(request: HttpRequest, plan_id: int) -> HttpResponse:
    """导入修订版: the revised file (POST) → its diff against the live plan, with the apply button."""
    plan = _office_plan(request, plan_id)
    posted = request.method == "POST"
    form = ReviseUploadForm(request.POST if posted else None, request.FILES if posted else None)
    context = {"plan": plan, "form": form}
    if not posted:
        return render(request, "plans/revise.html", context)

    def compare(_fields: dict):
        data = form.file_bytes()
        return data, revision_compare(actor=request.user, plan=plan, file_name=form.file_name(), data=data)

    sent = form_submit(form, compare, field="file", status=400)
    if not sent.done:
        return render(request, "plans/revise.html", context, status=sent.status)
    data, revision = sent.result
    uploads.upload_keep(revision.preview.sha256, data)
    apply_form = ReviseApplyForm(
        initial={
            "sha256": revision.preview.sha256,
            "file_name": form.file_name(),
            "expected_version": plan.version,
        }
    )
    rows = [
        {
            "change": change,
            "old": revision.old[change.old] if change.old is not None else None,
            "new": revision.tasks[change.new] if change.new is not None else None,
            "key": revision.keys[change.new] if change.new is not None else "",
        }
        for change in revision.changes
    ]
    context |= {"revision": revision, "rows": rows, "apply_form": apply_form, "summary": revision.summary}
    return render(request, "plans/revise.html", context)


@require_POST
@role_required(Role.OFFICE_ADMIN)
def plan_revise_apply(request: HttpRequest, plan_id: int) -> HttpResponse:
    """应用修订: the file the diff was read from, applied as the next version (read again, all or nothing)."""
    plan = _office_plan(request, plan_id)
    form = ReviseApplyForm(request.POST)
    back = redirect("plan_revise", plan_id=plan.pk)
    if not form.is_valid():
        messages.error(
            request, said("修订请求无效，请重新上传。", "Invalid request; upload the revision again.")
        )
        return back
    data = uploads.upload_read(form.cleaned_data["sha256"])
    if data is None:
        messages.error(request, _EXPIRED)
        return back

    try:
        version = revision_apply(
            actor=request.user,
            plan=plan,
            file_name=form.cleaned_data["file_name"],
            data=data,
            expected_version=form.cleaned_data["expected_version"],
        )
    except (ValidationError, StaleEdit) as exc:
        messages.error(request, refusal_answer(exc)[1])
        return back
    uploads.upload_discard(form.cleaned_data["sha256"])
    messages.success(
        request,
        said(
            f"已应用修订，方案现为第 {version.number} 版。",
            f"The revision was applied as version {version.number}.",
        ),
    )
    return redirect("plan_versions", plan_id=plan.pk)


@role_required(Role.OFFICE_ADMIN)
def plan_versions(request: HttpRequest, plan_id: int) -> HttpResponse:
    """版本记录: each version of the plan, newest first, with what it changed."""
    plan = _office_plan(request, plan_id)
    versions = plan.versions.select_related("created_by").order_by("-number")
    return render(request, "plans/versions.html", {"plan": plan, "versions": versions})


@require_POST
@role_required(Role.OFFICE_ADMIN)
def plan_withdraw(request: HttpRequest, plan_id: int) -> HttpResponse:
    """撤回 a published plan, with a reason: its lines are closed, kept readable."""
    plan = plan_get(user=request.user, pk=plan_id)
    form = WithdrawForm(request.POST)

    def withdraw() -> str:
        services.plan_withdraw(
            actor=request.user,
            plan=plan,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["expected_version"],
        )
        return said(f"方案《{plan.title}》已撤回。", f"The plan “{plan.title}” has been withdrawn.")

    return message_action(request, withdraw, back=redirect("plan_detail", plan_id=plan.pk), form=form)
