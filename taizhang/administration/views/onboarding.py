"""人员导入: upload an 通讯录 (.xlsx) → the preview (every row's outcome, or every problem with its row) →
confirm → the import's job page (progress, then the counts) → back here for the initial passwords, downloaded
once. System administrators only.

Between preview and confirm the file waits in the session (an 通讯录 is small: at most ``MAX_BYTES``); the
confirm queues the same service as a background job (``onboarding.job``), all or nothing, and the passwords
wait sealed on the job until the one download."""

from __future__ import annotations

import base64
import hashlib
import io

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.administration.forms import PeopleUploadForm
from taizhang.administration.onboarding import OnboardingError, onboarding_import
from taizhang.administration.onboarding.job import (
    onboarding_enqueue,
    onboarding_passwords_take,
    onboarding_passwords_waiting,
)
from taizhang.administration.onboarding.passwords import write_passwords
from taizhang.administration.onboarding.template import write_template
from taizhang.ledger.unstaffed import units_without_liaison
from taizhang.lib.responses import xlsx_response
from taizhang.units.models import Region

UPLOAD_KEY = "onboarding_upload"
MAX_BYTES = 5 * 1024 * 1024
PAGE = "administration/onboarding/import.html"


def _render(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    context.setdefault("form", PeopleUploadForm(user=request.user))
    context["passwords_waiting"] = onboarding_passwords_waiting(user=request.user)
    context["unstaffed"] = units_without_liaison(user=request.user, role=Role.SYSTEM_ADMIN)
    return render(request, PAGE, context, status=status)


def _options(form_or_kept) -> dict:
    return {k: bool(form_or_kept.get(k)) for k in ("create_units", "update_existing")}


def _preview(request: HttpRequest, form: PeopleUploadForm) -> HttpResponse:
    upload, region = form.cleaned_data["file"], form.cleaned_data["region"]
    if not upload.name.lower().endswith(".xlsx"):
        form.add_error("file", _("只能导入 .xlsx 文件（不支持 .xls、.csv）。"))
    elif upload.size > MAX_BYTES:
        form.add_error("file", _("通讯录不超过 5 MB。"))
    if form.errors:
        return _render(request, {"form": form}, status=422)
    data, options = upload.read(), _options(form.cleaned_data)
    try:
        result = onboarding_import(
            actor=request.user, region=region, fileobj=io.BytesIO(data), dry_run=True, **options
        )
    except OnboardingError as exc:
        request.session.pop(UPLOAD_KEY, None)
        return _render(request, {"form": form, "problems": exc.problems, "rows": exc.rows}, status=422)
    digest = hashlib.sha256(data).hexdigest()
    request.session[UPLOAD_KEY] = {
        "region": region.pk,
        "name": upload.name[:200],
        "data": base64.b64encode(data).decode(),
        "sha256": digest,
        **options,
    }
    context = {"form": form, "result": result, "rows": result.rows, "sha256": digest}
    context["file_name"] = upload.name
    return _render(request, context)


def _confirm(request: HttpRequest) -> HttpResponse:
    kept = request.session.get(UPLOAD_KEY)
    region = Region.objects.filter(pk=(kept or {}).get("region")).first()
    if kept is None or region is None:
        messages.info(request, _("没有待确认的导入，请先上传文件。"))
        return redirect("onboarding_import")
    if request.POST.get("sha256") != kept.get("sha256"):
        messages.warning(request, _("该预览已被另一次上传替换，请重新上传并核对。"))
        request.session.pop(UPLOAD_KEY, None)
        return redirect("onboarding_import")
    request.session.pop(UPLOAD_KEY, None)
    job, _created = onboarding_enqueue(
        actor=request.user,
        region=region,
        data=base64.b64decode(kept["data"]),
        name=kept.get("name", ""),
        **_options(kept),
    )
    return redirect("job_status", job.pk)


@role_required(Role.SYSTEM_ADMIN)
@require_http_methods(["GET", "POST"])
def onboarding_import_page(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action")
    if action == "confirm":
        return _confirm(request)
    if action == "discard":
        request.session.pop(UPLOAD_KEY, None)
        return redirect("onboarding_import")
    posted = request.method == "POST"
    form = PeopleUploadForm(
        request.POST if posted else None, request.FILES if posted else None, user=request.user
    )
    if posted and form.is_valid():
        return _preview(request, form)
    return _render(request, {"form": form}, status=422 if posted else 200)


@role_required(Role.SYSTEM_ADMIN)
@require_POST
def onboarding_passwords(request: HttpRequest) -> HttpResponse:
    """The initial passwords of the administrator's last imports, once: taken off their jobs."""
    handovers = onboarding_passwords_take(actor=request.user)
    if handovers is None:
        messages.error(request, _("初始密码已下载过或已过期；如需重新下发，请在用户管理中重置密码。"))
        return redirect("onboarding_import")
    response = xlsx_response(
        lambda out: write_passwords(out, handovers), "初始密码.xlsx", ascii_name="initial-passwords.xlsx"
    )
    response["Cache-Control"] = "no-store"
    return response


@role_required(Role.SYSTEM_ADMIN)
@require_GET
def onboarding_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(write_template, "通讯录模板.xlsx", ascii_name="people-template.xlsx")
