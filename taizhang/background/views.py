"""A background job's page: its progress while it waits or runs (htmx asks again every 2 s; without script
the page reloads itself), then its result and the way back."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from taizhang.accounts.access import ANY_ROLE, role_required
from taizhang.accounts.models import Role
from taizhang.background.selectors import job_error, job_get, job_link, job_message, job_title
from taizhang.lib.responses import is_htmx


@role_required(*ANY_ROLE, Role.SYSTEM_ADMIN)  # 人员导入 is the system administrator's job
@require_GET
def job_status(request: HttpRequest, job_id: int) -> HttpResponse:
    job = job_get(user=request.user, pk=job_id)
    template = "background/_job.html" if is_htmx(request) else "background/job.html"
    context = {"job": job, "title": job_title(job), "message": job_message(job)}
    context["error"], context["problems"] = job_error(job)
    context["link"], context["link_label"] = job_link(job)
    return render(request, template, context)
