"""登记制度 and editing a regulation's fields: the office of its region, or the issuing unit's liaison or
head for its own unit's regulations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taizhang.accounts.access import role_required
from taizhang.accounts.models import UNIT_ROLES, Role
from taizhang.lib.i18n import said
from taizhang.lib.pageforms import form_submit
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
    if request.method != "POST":
        return render(request, FORM, {"form": form})
    sent = form_submit(
        form,
        lambda data: create(actor=request.user, **{k: v for k, v in data.items() if k != "expected_version"}),
    )
    if sent.done:
        messages.success(request, _("制度已登记。"))
        return redirect("regulation_detail", regulation_id=sent.result.pk)
    return render(request, FORM, {"form": form}, status=sent.status)


@role_required(*WRITERS)
@require_http_methods(["GET", "POST"])
def regulation_edit(request: HttpRequest, regulation_id: int) -> HttpResponse:
    regulation = regulation_get(user=request.user, pk=regulation_id)
    if not may_edit(request.user, regulation):
        raise PermissionDenied(
            said("只有惩防办或制定单位可以修改制度。", "Only the office or the issuing unit may edit.")
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
    if request.method != "POST":
        return render(request, FORM, {"form": form, "regulation": regulation, "error": ""})
    sent = form_submit(
        form, lambda data: regulation_update(actor=request.user, regulation=regulation, **data)
    )
    if sent.done:
        messages.success(request, _("制度已保存。"))
        return redirect("regulation_detail", regulation_id=regulation.pk)
    context = {"form": form, "regulation": regulation, "error": sent.error}
    return render(request, FORM, context, status=sent.status)
