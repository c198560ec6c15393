"""登记制度 and editing a regulation's fields: the office of its region, or the issuing unit's liaison or
head for its own unit's regulations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taizhang.accounts.access import role_required
from taizhang.accounts.models import UNIT_ROLES, Role
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.pageforms import add_refusal
from taizhang.regulations.forms import RegulationForm
from taizhang.regulations.selectors import may_edit, regulation_get
from taizhang.regulations.services import regulation_create as create
from taizhang.regulations.services import regulation_update

FORM = "regulations/regulation_form.html"
WRITERS = (Role.OFFICE_ADMIN, *UNIT_ROLES)


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def regulation_create(request: HttpRequest) -> HttpResponse:
    form = RegulationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("expected_version")
        try:
            regulation = create(actor=request.user, **data)
        except ValidationError as exc:
            add_refusal(form, exc)
        else:
            messages.success(request, _("制度已登记。"))
            return redirect("regulation_detail", regulation_id=regulation.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, FORM, {"form": form}, status=status)


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def regulation_edit(request: HttpRequest, regulation_id: int) -> HttpResponse:
    regulation = regulation_get(user=request.user, pk=regulation_id)
    if not may_edit(request.user, regulation):
        raise PermissionDenied(
            "只有惩防办或制定单位可以修改制度。 / Only the office or the issuing unit may edit."
        )
    initial = {
        "title": regulation.title,
        "issuing_unit": regulation.issuing_unit_id,
        "issued_on": regulation.issued_on,
        "doc_number": regulation.doc_number,
        "summary": regulation.summary,
        "expected_version": regulation.version,
    }
    form = RegulationForm(request.POST or None, initial=initial, user=request.user, regulation=regulation)
    status, error = 200, ""
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                regulation_update(actor=request.user, regulation=regulation, **form.cleaned_data)
            except StaleEdit as exc:
                status, error = 409, str(exc)
            except ValidationError as exc:
                add_refusal(form, exc)
            else:
                messages.success(request, _("制度已保存。"))
                return redirect("regulation_detail", regulation_id=regulation.pk)
    context = {"form": form, "regulation": regulation, "error": error}
    return render(request, FORM, context, status=status)
