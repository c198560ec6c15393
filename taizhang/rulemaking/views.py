"""One regulation: its fields, versions with their files, the tasks that create or concern it, its key
regulation uses, the 立改废留 decisions and the findings and items that name it (each part as its reader may
see it, ``rulemaking.page``), with the version and decision forms for whoever may use them.

A refusal re-renders the page with the form: 422, or 409 for a stale version; a wrong role is 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import Role
from taizhang.files.checks import upload_limits
from taizhang.files.responses import attachment_download
from taizhang.lib.i18n import said
from taizhang.lib.pageforms import form_action
from taizhang.regulations.models import Regulation
from taizhang.regulations.selectors import may_edit, may_manage, regulation_get
from taizhang.regulations.views.edit import WRITERS
from taizhang.rulemaking import lifecycle, services
from taizhang.rulemaking.forms import DecisionForm, VersionForm
from taizhang.rulemaking.page import regulation_page
from taizhang.rulemaking.selectors import version_file_get

PAGE = "rulemaking/regulation_detail.html"


def _page(
    request: HttpRequest, regulation: Regulation, *, status: int = 200, error: str = "", **forms: Form
) -> HttpResponse:
    user = request.user
    versioning = may_edit(user, regulation) and regulation.status != Regulation.Status.ABOLISHED
    deciding = may_manage(user, regulation) and lifecycle.allowed_kinds(regulation.status)
    context = {
        "regulation": regulation,
        "page": regulation_page(user=user, regulation=regulation),
        "may_edit": versioning,
        "version_form": forms.get("version_form") or VersionForm() if versioning else None,
        "decision_form": (forms.get("decision_form") or DecisionForm(user=user, regulation=regulation))
        if deciding
        else None,
        "error": error,
        **upload_limits(),
    }
    return render(request, PAGE, context, status=status)


@role_required(*ANY_ROLE)
@require_GET
def regulation_detail(request: HttpRequest, regulation_id: int) -> HttpResponse:
    return _page(request, regulation_get(user=request.user, pk=regulation_id))


def _act(request: HttpRequest, regulation: Regulation, form: Form, name: str, act) -> HttpResponse:
    return form_action(
        request,
        load=lambda: regulation_get(user=request.user, pk=regulation.pk),
        form=form,
        form_name=name,
        act=lambda _regulation, data: act(data),
        page=_page,
        back=lambda regulation: redirect("regulation_detail", regulation_id=regulation.pk),
    )


@role_required(*WRITERS)
@require_POST
def regulation_version_add(request: HttpRequest, regulation_id: int) -> HttpResponse:
    regulation = regulation_get(user=request.user, pk=regulation_id)
    if not may_edit(request.user, regulation):
        raise PermissionDenied(
            said("只有惩防办或制定单位可以上传制度文本。", "Only the office or the issuing unit.")
        )

    def act(data):
        services.regulation_version_add(actor=request.user, regulation=regulation, **data)
        return _("制度版本已上传。")

    return _act(request, regulation, VersionForm(request.POST, request.FILES), "version_form", act)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def regulation_decide(request: HttpRequest, regulation_id: int) -> HttpResponse:
    regulation = regulation_get(user=request.user, pk=regulation_id)
    if not may_manage(request.user, regulation):
        raise PermissionDenied(said("只有惩防办可以作出立改废留决定。", "Only the office decides."))
    form = DecisionForm(request.POST, user=request.user, regulation=regulation)

    def act(data):
        services.regulation_decide(actor=request.user, regulation=regulation, **data)
        return _("决定已记录。")

    return _act(request, regulation, form, "decision_form", act)


@role_required(*ANY_ROLE)
@require_GET
def regulation_version_download(request: HttpRequest, regulation_version_id: int) -> FileResponse:
    """A version's file, to whoever reads the regulation; else 404."""
    return attachment_download(request, version_file_get(user=request.user, pk=regulation_version_id))
