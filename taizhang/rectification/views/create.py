"""交办整改: the office turns a finding into its unit's rectification item, or assigns one without a finding
(about a task or a regulation)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.inspections.selectors import finding_get
from taizhang.lib.i18n import said
from taizhang.lib.pageforms import form_submit
from taizhang.rectification.forms import FromFindingForm, ItemForm
from taizhang.rectification.services import rectification_create as create_item
from taizhang.rectification.services import rectification_from_finding as item_from_finding

FORM = "rectification/rectification_form.html"


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def rectification_create(request: HttpRequest) -> HttpResponse:
    form = ItemForm(request.POST or None, user=request.user)
    if request.method != "POST":
        return render(request, FORM, {"form": form})
    sent = form_submit(form, lambda data: create_item(actor=request.user, **data))
    if sent.done:
        messages.success(request, _("整改事项已交办。"))
        return redirect("rectification_detail", rectification_item_id=sent.result.pk)
    return render(request, FORM, {"form": form}, status=sent.status)


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def rectification_from_finding(request: HttpRequest, finding_id: int) -> HttpResponse:
    finding = finding_get(user=request.user, pk=finding_id)
    if finding.unit_id not in unit_ids_in_scope(request.user, Role.OFFICE_ADMIN):
        raise PermissionDenied(said("只有惩防办可以交办整改。", "Only the office may assign rectification."))
    initial = {"title": finding.description[:60]}
    form = FromFindingForm(request.POST or None, initial=initial)
    if request.method != "POST":
        return render(request, FORM, {"form": form, "finding": finding})
    sent = form_submit(form, lambda data: item_from_finding(actor=request.user, finding=finding, **data))
    if sent.done:
        messages.success(request, _("整改事项已交办。"))
        return redirect("rectification_detail", rectification_item_id=sent.result.pk)
    return render(request, FORM, {"form": form, "finding": finding}, status=sent.status)
