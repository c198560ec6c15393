"""The cases a user may read, and one case: grounds, measures, dates, documents, and the office's forms to
decide (作出处理), close (结案) and add documents."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taizhang.accountability.forms import CloseForm, DecideForm, FilesForm
from taizhang.accountability.models import AccountabilityCase
from taizhang.accountability.seal import decision_check
from taizhang.accountability.selectors import (
    case_evidence_get,
    case_findings,
    case_get,
    case_list,
    is_office_side,
    may_write,
)
from taizhang.accountability.services import case_close, case_decide, case_evidence_add
from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import Role
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.alerts.selectors import alert_visible_q
from taizhang.files.checks import upload_limits
from taizhang.files.responses import attachment_download
from taizhang.lib.pageforms import form_action

State = AccountabilityCase.State
PAGE = "accountability/case_detail.html"


@role_required(*ANY_ROLE)
@require_GET
def case_list_view(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state") if request.GET.get("state") in State.values else None
    page = Paginator(case_list(user=request.user, state=state), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "state": state,
        "states": State.choices,
        "may_open": bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN)),
    }
    return render(request, "accountability/case_list.html", context)


def _page(
    request: HttpRequest, case: AccountabilityCase, *, status: int = 200, error: str = "", **forms: Form
):
    user, today = request.user, timezone.localdate()
    writing = may_write(user, case)
    version = {"expected_version": case.version}
    context = {
        "case": case,
        "decision_genuine": decision_check(case),
        "office_side": is_office_side(user, case),
        "alerts": case.alerts.filter(alert_visible_q(user)).select_related("unit"),
        "findings": case_findings(user=user, case=case),
        "documents": case.evidence.order_by("uploaded_at", "pk") if is_office_side(user, case) else [],
        "decide_form": forms.get("decide_form") or DecideForm(initial={**version, "decided_on": today})
        if writing and case.state == State.OPEN
        else None,
        "close_form": forms.get("close_form") or CloseForm(initial={**version, "closed_on": today})
        if writing and case.state == State.DECIDED
        else None,
        "files_form": forms.get("files_form") or FilesForm()
        if writing and case.state != State.CLOSED
        else None,
        "error": error,
        **upload_limits(),
    }
    return render(request, PAGE, context, status=status)


@role_required(*ANY_ROLE)
@require_GET
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    return _page(request, case_get(user=request.user, pk=case_id))


def _act(request: HttpRequest, case_id: int, form_class, name: str, act) -> HttpResponse:
    return form_action(
        request,
        load=lambda: case_get(user=request.user, pk=case_id),
        form=form_class(request.POST, request.FILES),
        form_name=name,
        act=act,
        page=_page,
        back=lambda case: redirect("case_detail", case_id=case.pk),
    )


@role_required(Role.OFFICE_ADMIN)
@require_POST
def case_decide_view(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case, data):
        case_decide(actor=request.user, case=case, **data)
        return _("处理决定已记录。")

    return _act(request, case_id, DecideForm, "decide_form", act)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def case_close_view(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case, data):
        case_close(actor=request.user, case=case, **data)
        return _("案件已结案。")

    return _act(request, case_id, CloseForm, "close_form", act)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def case_evidence_upload(request: HttpRequest, case_id: int) -> HttpResponse:
    def act(case, data):
        case_evidence_add(actor=request.user, case=case, files=data["files"])
        return _("案件材料已上传。")

    return _act(request, case_id, FilesForm, "files_form", act)


@role_required(*ANY_ROLE)
@require_GET
def case_evidence_download(request: HttpRequest, case_evidence_id: int) -> FileResponse:
    """A document of a case, to the office side of its region; else 404."""
    return attachment_download(request, case_evidence_get(user=request.user, pk=case_evidence_id))
