"""制度目录导入: upload a catalogue (.xlsx) → the preview (its rows, or every problem with its row) →
confirm. Office admins only. Between the two steps the file waits in the session (a catalogue is small:
at most ``MAX_BYTES``); the confirm runs the same service again, all or nothing."""

from __future__ import annotations

import base64
import io

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.lib.i18n import said
from taizhang.regulations.catalogue import CatalogueError, catalogue_import
from taizhang.regulations.forms import CatalogueUploadForm
from taizhang.units.models import Region

SESSION_KEY = "regulation_catalogue"
MAX_BYTES = 2 * 1024 * 1024
PAGE = "regulations/regulation_import.html"


def _preview(request: HttpRequest, form: CatalogueUploadForm) -> HttpResponse:
    upload, region = form.cleaned_data["file"], form.cleaned_data["region"]
    if not upload.name.lower().endswith(".xlsx"):
        form.add_error(
            "file", said("只能导入 .xlsx 文件（不支持 .xls、.csv）。", "Only .xlsx files (not .xls or .csv).")
        )
    elif upload.size > MAX_BYTES:
        form.add_error("file", said("制度目录不超过 2 MB。", "A catalogue is at most 2 MB."))
    if form.errors:
        return render(request, PAGE, {"form": form}, status=422)
    data = upload.read()
    try:
        result = catalogue_import(
            actor=request.user, region=region, fileobj=io.BytesIO(data), dry_run=True, file_name=upload.name
        )
    except CatalogueError as exc:
        request.session.pop(SESSION_KEY, None)
        context = {"form": form, "problems": exc.problems, "rows": exc.rows, "region": region}
        return render(request, PAGE, context, status=422)
    request.session[SESSION_KEY] = {
        "region": region.pk,
        "name": upload.name[:200],
        "data": base64.b64encode(data).decode(),
    }
    context = {
        "form": form,
        "result": result,
        "rows": result.rows,
        "region": region,
        "file_name": upload.name,
    }
    return render(request, PAGE, context)


def _confirm(request: HttpRequest) -> HttpResponse:
    kept = request.session.pop(SESSION_KEY, None)
    region = Region.objects.filter(pk=(kept or {}).get("region")).first()
    if kept is None or region is None:
        messages.info(request, _("没有待确认的导入，请先上传文件。"))
        return redirect("regulation_import")
    fileobj = io.BytesIO(base64.b64decode(kept["data"]))
    try:
        result = catalogue_import(
            actor=request.user, region=region, fileobj=fileobj, dry_run=False, file_name=kept["name"]
        )
    except CatalogueError as exc:  # the register changed since the preview
        form = CatalogueUploadForm(user=request.user, initial={"region": region.pk})
        return render(request, PAGE, {"form": form, "problems": exc.problems, "rows": exc.rows}, status=422)
    messages.success(
        request,
        _("制度目录已导入：新增 %(created)d 项，更新 %(updated)d 项。")
        % {"created": result.created, "updated": result.updated},
    )
    return redirect("regulation_list")


@role_required(Role.OFFICE_ADMIN)
@require_http_methods(["GET", "POST"])
def regulation_import(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action")
    if action == "confirm":
        return _confirm(request)
    if action == "discard":
        request.session.pop(SESSION_KEY, None)
        return redirect("regulation_import")
    posted = request.method == "POST"
    form = CatalogueUploadForm(
        request.POST if posted else None, request.FILES if posted else None, user=request.user
    )
    if posted and form.is_valid():
        return _preview(request, form)
    return render(request, PAGE, {"form": form}, status=422 if posted else 200)
