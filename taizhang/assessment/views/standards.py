"""Standards (考核标准): the list with a form for a new one, a version's tree with the editor of a draft,
adding, changing and removing indicators, releasing a draft and starting a new version. The office side
reads; office admins write; units are refused by role (403)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.checks import OFFICE_SIDE, is_office_admin_of, office_region
from taizhang.accounts.models import Role
from taizhang.accounts.selectors import region_ids_in_scope
from taizhang.assessment import services
from taizhang.assessment.checks import NOT_OFFICE
from taizhang.assessment.forms import IndicatorForm, RoleWeightsForm, StandardForm, VersionForm
from taizhang.assessment.models import Indicator, StandardVersion
from taizhang.assessment.rules import GENERAL, indicator_rule
from taizhang.assessment.selectors import standard_get, standard_list, version_get
from taizhang.assessment.template import standard_create_from_template
from taizhang.assessment.tree import depth_first
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.pageforms import form_submit, refusal_answer


@role_required(*OFFICE_SIDE)
@require_http_methods(["GET", "POST"])
def standard_list_view(request: HttpRequest) -> HttpResponse:
    form, status = StandardForm(), 200
    if request.method == "POST":
        form = StandardForm(request.POST)

        def create(data: dict):
            make = standard_create_from_template if data["from_template"] else services.standard_create
            region = office_region(request.user, refusal=NOT_OFFICE)
            return make(actor=request.user, region=region, name=data["name"])

        sent = form_submit(form, create)
        if sent.done:
            messages.success(request, _("考核标准已创建，请添加指标。"))
            return redirect("standard_version_detail", sent.result.versions.get().pk)
        status = sent.status
    standards = standard_list(user=request.user)
    may_write = bool(region_ids_in_scope(request.user, Role.OFFICE_ADMIN))
    context = {"standards": standards, "form": form if may_write else None}
    return render(request, "assessment/standard_list.html", context, status=status)


def _version_page(
    request, version: StandardVersion, *, status: int = 200, add_form=None, error: str = "", weights_form=None
):
    editing = version.state == StandardVersion.State.DRAFT and is_office_admin_of(
        request.user, version.standard.region_id
    )
    initial = {"expected_version": version.version}
    rows = []
    for indicator, depth in depth_first(list(version.indicators.all())):
        edit = None
        if editing:
            edit = IndicatorForm(
                version=version, prefix=f"i{indicator.pk}",
                initial={**initial, **{f: getattr(indicator, f) for f in ("code", "name", "method", "metric",
                         "max_points", "weight", "guidance")}, "parent": indicator.parent_id,
                         "params": indicator.params or ""},
            )  # fmt: skip
        rule = indicator_rule(indicator.method, indicator.metric, indicator.max_points, indicator.params)
        rows.append({"indicator": indicator, "depth": depth, "edit": edit, "rule": rule})
    context = {
        "version": version,
        "rows": rows,
        "editing": editing,
        "add_form": add_form or (IndicatorForm(version=version, initial=initial) if editing else None),
        "version_form": VersionForm(initial=initial),
        "weights_form": weights_form
        or RoleWeightsForm(
            initial={**initial, "lead_weight": version.lead_weight, "co_weight": version.co_weight}
        ),
        "may_write": is_office_admin_of(request.user, version.standard.region_id),
        "general_rules": GENERAL,
        "error": error,
    }
    return render(request, "assessment/standard_version.html", context, status=status)


@role_required(*OFFICE_SIDE)
@require_GET
def standard_version_detail(request: HttpRequest, standard_version_id: int) -> HttpResponse:
    return _version_page(request, version_get(user=request.user, pk=standard_version_id))


def _refused(request, version, exc: Exception) -> HttpResponse:
    """A service's refusal: the version page again with it (409 when stale, else 422)."""
    status, error = refusal_answer(exc)
    return _version_page(request, version, status=status, error=error)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def indicator_add(request: HttpRequest, standard_version_id: int) -> HttpResponse:
    version = version_get(user=request.user, pk=standard_version_id)
    form = IndicatorForm(request.POST, version=version)
    if not form.is_valid():
        return _version_page(request, version, status=422, add_form=form)
    data = form.cleaned_data
    try:
        services.indicator_add(actor=request.user, version=version, **data)
    except (ValidationError, StaleEdit) as exc:
        return _refused(request, version_get(user=request.user, pk=version.pk), exc)
    messages.success(request, _("指标已添加。"))
    return redirect("standard_version_detail", version.pk)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def indicator_edit(request: HttpRequest, indicator_id: int) -> HttpResponse:
    """Save (``action=save``, the default) or remove (``action=remove``) an indicator of a draft."""
    indicator = get_object_or_404(Indicator.objects.select_related("version"), pk=indicator_id)
    version = version_get(user=request.user, pk=indicator.version_id)
    form = IndicatorForm(request.POST, version=version, prefix=f"i{indicator.pk}")
    removing = request.POST.get("action") == "remove"
    expected = str(request.POST.get(f"i{indicator.pk}-expected_version", ""))
    if not (expected.isdigit() if removing else form.is_valid()):
        return _version_page(request, version, status=422, error=_("请检查填写的指标内容。"))
    try:
        if removing:
            services.indicator_remove(actor=request.user, indicator=indicator, expected_version=int(expected))
        else:
            services.indicator_update(actor=request.user, indicator=indicator, **form.cleaned_data)
    except (ValidationError, StaleEdit) as exc:
        return _refused(request, version_get(user=request.user, pk=version.pk), exc)
    messages.success(request, _("指标已删除。") if removing else _("指标已保存。"))
    return redirect("standard_version_detail", version.pk)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def standard_version_release(request: HttpRequest, standard_version_id: int) -> HttpResponse:
    version = version_get(user=request.user, pk=standard_version_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return _version_page(request, version, status=422, error=_("请刷新页面后重试。"))
    try:
        services.version_release(
            actor=request.user, version=version, expected_version=form.cleaned_data["expected_version"]
        )
    except (ValidationError, StaleEdit) as exc:
        return _refused(request, version_get(user=request.user, pk=version.pk), exc)
    messages.success(request, _("标准版本已启用。"))
    return redirect("standard_version_detail", version.pk)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def standard_version_new(request: HttpRequest, standard_id: int) -> HttpResponse:
    standard = standard_get(user=request.user, pk=standard_id)
    try:
        version = services.version_create(actor=request.user, standard=standard)
    except ValidationError as exc:
        messages.error(request, refusal_answer(exc)[1])
        return redirect("standard_list")
    messages.success(request, _("已新建草稿版本，可修改后启用。"))
    return redirect("standard_version_detail", version.pk)


@role_required(Role.OFFICE_ADMIN)
@require_POST
def standard_version_role_weights(request: HttpRequest, standard_version_id: int) -> HttpResponse:
    """牵头/配合 weights of a draft (``services.version_set_role_weights``)."""
    version = version_get(user=request.user, pk=standard_version_id)
    form = RoleWeightsForm(request.POST)
    if not form.is_valid():
        return _version_page(request, version, status=422, weights_form=form)
    try:
        services.version_set_role_weights(actor=request.user, version=version, **form.cleaned_data)
    except (ValidationError, StaleEdit) as exc:
        return _refused(request, version_get(user=request.user, pk=version.pk), exc)
    messages.success(request, _("分工权重已保存。"))
    return redirect("standard_version_detail", version.pk)
