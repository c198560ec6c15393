"""记录问题 (the office records a finding at one of the inspection's units) and finding files."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import Role
from taizhang.files.responses import attachment_download
from taizhang.inspections.findings import finding_record
from taizhang.inspections.forms import FindingForm
from taizhang.inspections.selectors import finding_evidence_get, inspection_get, may_manage
from taizhang.lib.i18n import said
from taizhang.lib.pageforms import form_submit


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def finding_create(request: HttpRequest, inspection_id: int) -> HttpResponse:
    inspection = inspection_get(user=request.user, pk=inspection_id)
    if not may_manage(request.user, inspection):
        raise PermissionDenied(said("只有惩防办可以记录问题。", "Only the office may record findings."))
    if request.method == "GET":
        form = FindingForm(inspection=inspection)
        return render(request, "inspections/finding_form.html", {"form": form, "inspection": inspection})
    form = FindingForm(request.POST, request.FILES, inspection=inspection)

    def record(data: dict):
        return finding_record(
            actor=request.user,
            inspection=inspection,
            unit=data["unit"],
            task=data["task"],
            regulation=data["regulation"],
            severity=data["severity"],
            description=data["description"],
            found_on=data["found_on"],
            files=data["files"],
        )

    sent = form_submit(form, record)
    if sent.done:
        messages.success(request, _("问题已记录。"))
        return redirect(reverse("inspection_detail", args=[inspection.pk]) + f"#finding-{sent.result.pk}")
    context = {"form": form, "inspection": inspection}
    return render(request, "inspections/finding_form.html", context, status=sent.status)


@role_required(*ANY_ROLE)
@require_GET
def finding_evidence_download(request: HttpRequest, finding_evidence_id: int) -> FileResponse:
    """A finding's file, to those who may read the finding (a unit its own, once revealed); else 404."""
    return attachment_download(request, finding_evidence_get(user=request.user, pk=finding_evidence_id))
