"""方案导入: upload a plan file, check and correct the dry-run preview, confirm. Office admins only.

Nothing is written before the confirm: the preview waits in the session (``import_session``) and the
office's corrections change only that. The confirm runs ``import_confirm``, all or nothing; a refusal
shows the preview again with the service's message.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.lib.i18n import said, said_lazy
from taizhang.lib.pageforms import form_submit
from taizhang.lib.refusal import Refusal
from taizhang.plans.cascade.importing import import_confirm_linked
from taizhang.plans.forms import ImportConfirmForm, PlanUploadForm, unit_mapping
from taizhang.plans.importing import import_preview
from taizhang.plans.views import import_session as session
from taizhang.plans.views.import_links import confirm_choice, links_context
from taizhang.plans.views.preview_context import preview_context

_EXPIRED = said_lazy("上传的文件已过期，请重新上传。", "The uploaded file has expired; upload it again.")
_REPLACED = said_lazy(
    "该预览已被另一次上传替换，请核对后再确认。",
    "This preview was replaced by another upload; check it before confirming.",
)


@role_required(Role.OFFICE_ADMIN)
def plan_import(request: HttpRequest) -> HttpResponse:
    """Step 1: the file, its region, level, period and cadence → the preview."""
    posted = request.method == "POST"
    form = PlanUploadForm(
        request.POST if posted else None, request.FILES if posted else None, user=request.user
    )
    if not posted:
        return render(request, "plans/import/upload.html", {"form": form})

    def preview(fields: dict):
        data = form.file_bytes()
        return data, import_preview(
            actor=request.user,
            file_name=form.file_name(),
            data=data,
            region=fields["region"],
            sheet=fields.get("sheet") or None,
        )

    sent = form_submit(form, preview, field="file", status=400)
    if not sent.done:
        return render(request, "plans/import/upload.html", {"form": form}, status=sent.status)
    data, preview = sent.result
    session.upload_keep(preview.sha256, data)
    fields = {k: form.cleaned_data[k] for k in ("level", "period_start", "period_end", "report_cadence")}
    session.draft_start(request, preview, fields)
    return redirect("plan_import_preview")


@role_required(Role.OFFICE_ADMIN)
def plan_import_preview(request: HttpRequest) -> HttpResponse:
    """Step 2: the preview (GET) and its confirm (POST)."""
    draft = session.draft_load(request)
    if draft is None:
        messages.info(request, session.NO_IMPORT)
        return redirect("plan_import")
    preview = draft.preview
    error, mapping = None, {}
    if request.method == "POST":
        form, mapping = ImportConfirmForm(request.POST), unit_mapping(request.POST)
        if form.is_valid() and form.cleaned_data["sha256"] != preview.sha256:
            messages.warning(request, _REPLACED)
            return redirect("plan_import_preview")
        data = session.upload_read(preview.sha256)
        if data is None:
            session.draft_clear(request)
            messages.error(request, _EXPIRED)
            return redirect("plan_import")
        if form.is_valid():
            try:
                plan = _confirm(request, draft, form.cleaned_data, mapping, data)
            except Refusal as refused:
                error = refused
            else:
                return redirect("plan_detail", plan_id=plan.pk)
    else:
        initial = {"title": preview.title, "doc_number": preview.doc_number, "sha256": preview.sha256}
        stash = session.stash_read(request)  # back from the 泛称 page: the form as the office left it
        kept = {k: stash[k] for k in ImportConfirmForm.base_fields if k in stash and k != "sha256"}
        form = ImportConfirmForm(initial={**draft.fields, **initial, **kept})
        mapping = unit_mapping(stash)
    context = preview_context(request, draft, form=form, mapping=mapping, error=error)
    # 上下贯通 (plans.cascade): the upper plan and task links suggested, as the office ticked them
    context["cascade"] = links_context(draft, request.POST if request.method == "POST" else None)
    return render(request, "plans/import/preview.html", context, status=400 if error or form.errors else 200)


def _confirm(request: HttpRequest, draft, fields: dict, mapping: dict, data: bytes):
    """``import_confirm`` with the preview as corrected; on success the import in progress is over."""
    preview = draft.preview
    preview.doc_number = fields["doc_number"]
    plan = import_confirm_linked(
        **confirm_choice(draft, request.POST),  # 上下贯通 (plans.cascade)
        actor=request.user,
        preview=preview,
        unit_mapping=mapping,
        region=session.draft_region(draft),
        data=data,
        file_name=preview.file_name,
        allow_duplicate=fields["allow_duplicate"],
        **{k: fields[k] for k in ("title", "level", "period_start", "period_end", "report_cadence")},
    )
    session.draft_clear(request)
    session.upload_discard(preview.sha256)
    messages.success(
        request,
        said(
            f"已导入方案《{plan.title}》（草稿，{len(preview.tasks)} 项任务），核对后请发布。",
            "The plan was imported as a draft; check it, then publish it.",
        ),
    )
    return plan


@require_POST
@role_required(Role.OFFICE_ADMIN)
def plan_import_discard(request: HttpRequest) -> HttpResponse:
    """放弃: forget the import in progress and its file."""
    draft = session.draft_load(request)
    session.draft_clear(request)
    if draft is not None:
        session.upload_discard(draft.preview.sha256)
        messages.info(request, said("已放弃本次导入。", "The import was discarded."))
    return redirect("plan_import")
