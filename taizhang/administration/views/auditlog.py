"""审计日志 pages: the audit administrator reads, filters and exports the log of their region."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.administration.auditlog import (
    AuditScope,
    Cursor,
    Filters,
    audit_scope,
    distinct_values,
    filtered,
    keyset_page,
    unit_names,
)
from taizhang.administration.auditlog_export import EXPORT_CAP, audit_log_export
from taizhang.administration.forms_auditlog import AuditFilterForm
from taizhang.audit.diff import entry_diff
from taizhang.lib.downloads import content_disposition
from taizhang.lib.responses import XLSX


def _form(request: HttpRequest) -> AuditFilterForm:
    return AuditFilterForm(
        request.GET or None,
        actions=distinct_values("action"),
        object_types=distinct_values("object_type"),
    )


def _cursor(request: HttpRequest, name: str) -> Cursor | None:
    token = request.GET.get(name)
    return Cursor.parse(token) if token else None


@role_required(Role.AUDIT_ADMIN)
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    scope: AuditScope = audit_scope(request.user)
    form = _form(request)
    context = {"form": form, "export_cap": EXPORT_CAP}
    if form.is_bound and not form.is_valid():
        return render(request, "administration/auditlog/list.html", context, status=400)
    filters = form.filters() if form.is_bound else None
    try:
        older, newer = _cursor(request, "older"), _cursor(request, "newer")
    except ValueError:
        context["cursor_error"] = True
        return render(request, "administration/auditlog/list.html", context, status=400)
    entries = filtered(scope, filters or Filters())
    page = keyset_page(entries, older_than=older, newer_than=newer)
    names = unit_names(page.entries)
    context["page"] = page
    context["rows"] = [
        {"entry": entry, "unit": names.get(entry.unit_ref, ""), "diff": entry_diff(entry)}
        for entry in page.entries
    ]
    return render(request, "administration/auditlog/list.html", context)


@role_required(Role.AUDIT_ADMIN)
@require_GET
def audit_log_download(request: HttpRequest) -> HttpResponse:
    scope = audit_scope(request.user)
    form = _form(request)
    if form.is_bound and not form.is_valid():
        return render(
            request, "administration/auditlog/list.html", {"form": form, "export_cap": EXPORT_CAP}, status=400
        )
    filters = form.filters() if form.is_bound else Filters()
    out, _ = audit_log_export(actor=request.user, entries=filtered(scope, filters), filters=filters)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = FileResponse(out, content_type=XLSX)
    response["Content-Disposition"] = content_disposition(
        f"审计日志-{stamp}.xlsx", ascii_name=f"audit-log-{stamp}.xlsx"
    )
    return response
