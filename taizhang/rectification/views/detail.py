"""One rectification item: its source, measures and deadline, the timeline of steps and progress with their
files, and the forms of whoever may act now — the unit (进展, 申请销号) or the office (销号, 退回)."""

from __future__ import annotations

from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import UNIT_ROLES, Role
from taizhang.files.responses import attachment_download
from taizhang.lib.pageforms import form_action
from taizhang.rectification.forms import CloseoutForm, ProgressForm, VerifyForm
from taizhang.rectification.models import RectificationItem, RectState
from taizhang.rectification.rules import is_overdue
from taizhang.rectification.selectors import (
    may_report,
    may_verify,
    rectification_evidence_get,
    rectification_get,
    rectification_timeline,
)
from taizhang.rectification.services import PROGRESS_STATES, rectification_progress_add
from taizhang.rectification.views.timeline import timeline
from taizhang.rectification.workflow import (
    rectification_close,
    rectification_refuse,
    rectification_request_closeout,
)

PAGE = "rectification/rectification_detail.html"


def _page(
    request: HttpRequest, item: RectificationItem, *, status: int = 200, error: str = "", **forms: Form
) -> HttpResponse:
    user = request.user
    reporting = may_report(user, item) and item.state in PROGRESS_STATES
    verifying = may_verify(user, item) and item.state == RectState.CLOSEOUT_REQUESTED
    version = {"expected_version": item.version}
    steps, progress = rectification_timeline(item)
    context = {
        "item": item,
        "overdue": is_overdue(item, today=timezone.localdate()),
        "timeline": timeline(steps, progress, item.evidence.order_by("uploaded_at", "pk")),
        "progress_form": forms.get("progress_form") or ProgressForm() if reporting else None,
        "closeout_form": forms.get("closeout_form") or CloseoutForm(initial=version) if reporting else None,
        "verify_form": forms.get("verify_form") or VerifyForm(initial=version) if verifying else None,
        "error": error,
    }
    return render(request, PAGE, context, status=status)


@role_required(*ANY_ROLE)
@require_GET
def rectification_detail(request: HttpRequest, rectification_item_id: int) -> HttpResponse:
    return _page(request, rectification_get(user=request.user, pk=rectification_item_id))


def _act(request: HttpRequest, item_id: int, form_class, name: str, act) -> HttpResponse:
    return form_action(
        request,
        load=lambda: rectification_get(user=request.user, pk=item_id),
        form=form_class(request.POST, request.FILES),
        form_name=name,
        act=act,
        page=_page,
        back=lambda item: redirect("rectification_detail", rectification_item_id=item.pk),
    )


@role_required(*UNIT_ROLES)
@require_POST
def rectification_progress(request: HttpRequest, rectification_item_id: int) -> HttpResponse:
    def act(item, data):
        rectification_progress_add(actor=request.user, item=item, text=data["text"], files=data["files"])
        return _("整改进展已填报。")

    return _act(request, rectification_item_id, ProgressForm, "progress_form", act)


@role_required(*UNIT_ROLES)
@require_POST
def rectification_closeout(request: HttpRequest, rectification_item_id: int) -> HttpResponse:
    def act(item, data):
        rectification_request_closeout(
            actor=request.user,
            item=item,
            note=data["note"],
            files=data["files"],
            expected_version=data["expected_version"],
        )
        return _("已申请销号，等待惩防办核查。")

    return _act(request, rectification_item_id, CloseoutForm, "closeout_form", act)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def rectification_verify(request: HttpRequest, rectification_item_id: int) -> HttpResponse:
    def act(item, data):
        version = data["expected_version"]
        if data["action"] == "close":
            rectification_close(
                actor=request.user, item=item, verification_note=data["note"], expected_version=version
            )
            return _("已销号。")
        rectification_refuse(actor=request.user, item=item, reason=data["note"], expected_version=version)
        return _("已退回销号申请，单位继续整改。")

    return _act(request, rectification_item_id, VerifyForm, "verify_form", act)


@role_required(*ANY_ROLE)
@require_GET
def rectification_evidence_download(request: HttpRequest, rectification_evidence_id: int) -> FileResponse:
    """A close-out or progress file, to those who may read the item; else 404."""
    return attachment_download(
        request, rectification_evidence_get(user=request.user, pk=rectification_evidence_id)
    )
