"""管理首页: an administrator's first page, what their duty (三员) covers and where to do it. One duty per
person, so one section."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from taizhang.accounts.access import request_roles, role_required
from taizhang.accounts.models import ADMIN_ROLES, Role
from taizhang.accounts.scope import region_ids_in_scope
from taizhang.units.models import Region

# Duty → (what it does, [(URL name, label)]). Every name must be routed (as in the navigation).
DUTIES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    Role.SYSTEM_ADMIN: (
        _("管理账号和单位：新建、修改、停用和重新启用用户，维护行政区划和单位名录，从通讯录批量导入。"),
        [
            ("user_list", _("用户管理")),
            ("user_create", _("新建用户")),
            ("unit_registry", _("单位管理")),
            ("region_tree", _("行政区划")),
            ("onboarding_import", _("通讯录导入")),
        ],
    ),
    Role.SECURITY_ADMIN: (
        _("管理授权和口令：为用户授予或撤销角色（含系统、审计管理员），重置密码（用户下次登录须修改）。"),
        [("user_list", _("角色授权与重置密码"))],
    ),
    Role.AUDIT_ADMIN: (
        _("查阅和导出审计日志，不做其他操作。"),
        [("audit_log", _("审计日志"))],
    ),
}


def _links(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(reverse(name), label) for name, label in pairs]


@role_required(*ADMIN_ROLES)
@require_GET
def admin_home(request: HttpRequest) -> HttpResponse:
    roles = request_roles(request)
    sections = []
    for role in ADMIN_ROLES:
        if role.value in roles:
            text, pairs = DUTIES[role]
            regions = Region.objects.filter(pk__in=sorted(region_ids_in_scope(request.user, role))).order_by(
                "name"
            )
            sections.append({"label": role.label, "text": text, "links": _links(pairs), "regions": regions})
    return render(request, "administration/home.html", {"sections": sections})
