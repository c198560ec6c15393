"""The actions on a unit's page (单位管理), each a form posted to its own route that calls one service:
rename (the old name kept as an alias), kind, deactivate or reactivate, an alias added or removed, and the
merge into another unit, which has its own page to show what would move before it is confirmed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.models import Role
from taizhang.administration.forms_units import (
    AliasAddForm,
    AliasRemoveForm,
    UnitActiveForm,
    UnitKindForm,
    UnitMergeForm,
    UnitRenameForm,
)
from taizhang.administration.merge import merge_plan, unit_merge
from taizhang.administration.unit_selectors import unit_for
from taizhang.administration.views.units import unit_page
from taizhang.lib.pageforms import form_action, form_submit, message_action
from taizhang.units.models import UnitAlias
from taizhang.units.services import (
    unit_alias_add,
    unit_alias_remove,
    unit_deactivate,
    unit_reactivate,
    unit_rename,
    unit_set_kind,
)


def _act(request: HttpRequest, unit_id: int, form, form_name: str, act) -> HttpResponse:
    return form_action(
        request,
        load=lambda: unit_for(request.user, unit_id, manage=True),
        form=form,
        form_name=form_name,
        act=act,
        page=unit_page,
        back=lambda unit: redirect("unit_manage", unit_id=unit.pk),
    )


@role_required(Role.SYSTEM_ADMIN)
@require_POST
def unit_rename_view(request: HttpRequest, unit_id: int) -> HttpResponse:
    def act(unit, data) -> str:
        unit_rename(unit=unit, name=data["name"], short_name=data["short_name"], actor=request.user)
        return _("已更名，原名称保留为别名。")

    return _act(request, unit_id, UnitRenameForm(request.POST), "rename_form", act)


@role_required(Role.SYSTEM_ADMIN)
@require_POST
def unit_kind_view(request: HttpRequest, unit_id: int) -> HttpResponse:
    def act(unit, data) -> str:
        unit_set_kind(unit=unit, kind=data["kind"], actor=request.user)
        return _("已修改单位类别。")

    return _act(request, unit_id, UnitKindForm(request.POST), "kind_form", act)


@role_required(Role.SYSTEM_ADMIN)
@require_POST
def unit_alias_add_view(request: HttpRequest, unit_id: int) -> HttpResponse:
    def act(unit, data) -> str:
        unit_alias_add(unit=unit, alias=data["alias"], source=UnitAlias.Source.MANUAL, actor=request.user)
        return _("已添加别名。")

    return _act(request, unit_id, AliasAddForm(request.POST), "alias_form", act)


@role_required(Role.SYSTEM_ADMIN)
@require_POST
def unit_active_view(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request.user, unit_id, manage=True)
    form = UnitActiveForm(request.POST)
    back = redirect("unit_manage", unit_id=unit.pk)

    def act() -> str:
        if form.cleaned_data["action"] == "deactivate":
            unit_deactivate(unit=unit, actor=request.user)
            return _("已停用：新方案不再匹配此单位，原有记录保留。")
        unit_reactivate(unit=unit, actor=request.user)
        return _("已重新启用。")

    return message_action(request, act, back=back, form=form, invalid=_("请选择停用或启用。"))


@role_required(Role.SYSTEM_ADMIN)
@require_POST
def unit_alias_remove_view(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = unit_for(request.user, unit_id, manage=True)
    form = AliasRemoveForm(request.POST)
    back = redirect("unit_manage", unit_id=unit.pk)

    def act() -> str:
        alias = UnitAlias.objects.filter(pk=form.cleaned_data["alias"], unit=unit).first()
        if alias is None:  # removed meanwhile (a second click): nothing left to do
            return _("该别名已不存在。")
        unit_alias_remove(unit=unit, alias=alias, actor=request.user)
        return _("已删除别名“%(alias)s”。") % {"alias": alias.alias}

    return message_action(request, act, back=back, form=form, invalid=_("请选择要删除的别名。"))


@role_required(Role.SYSTEM_ADMIN)
def unit_merge_view(request: HttpRequest, unit_id: int) -> HttpResponse:
    """合并单位: choose the unit to merge into and see what would move and what stands in the way (GET with
    ``target``); confirm to merge (POST)."""
    unit = unit_for(request.user, unit_id, manage=True)
    data = request.POST if request.method == "POST" else (request.GET if "target" in request.GET else None)
    form = UnitMergeForm(data, unit=unit)
    plan, status = None, 200
    if data is not None and "target" in form.errors:
        status = 422
    elif data is not None:
        target = form.fields["target"].clean(data.get("target"))
        plan = merge_plan(source=unit, target=target, actor=request.user)
    if request.method == "POST":
        sent = form_submit(form, lambda d: unit_merge(source=unit, target=d["target"], actor=request.user))
        if sent.done:
            messages.success(request, _("已将“%(a)s”并入本单位。") % {"a": unit.name})
            return redirect("unit_manage", unit_id=form.cleaned_data["target"].pk)
        status = sent.status
        if plan is not None:
            plan = merge_plan(source=unit, target=plan.target, actor=request.user)
    context = {"unit": unit, "form": form, "plan": plan}
    return render(request, "administration/units/unit_merge.html", context, status=status)
