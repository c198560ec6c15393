"""What every page's frame (base.html) needs: the signed-in person, their roles and the navigation."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, resolve, reverse
from django.utils.translation import gettext_lazy as _

from taizhang.accounts.access import request_roles
from taizhang.accounts.models import BUSINESS_ROLES, Role

# The main navigation: (URL name, label). A link shows when the user holds one of the roles its view asks
# for in ``@role_required`` — the view is the one place that says who may open it. Every name must be routed:
# a renamed or removed page fails every page (and ``tests/web/test_nav.py``), never drops out of the menu.
NAV: tuple[tuple[str, str], ...] = (
    ("workbench", _("工作台")),
    ("my_tasks", _("我的任务")),
    ("plan_list", _("方案台账")),
    ("review_list", _("审核")),
    ("dashboard", _("看板")),
    ("rollup", _("地区汇总")),
    ("order_list", _("督办单")),
    ("order_inbox", _("收到的督办单")),
    ("instruction_list", _("领导批示")),
    ("follow_list", _("我的关注")),
    ("inspection_list", _("督办检查")),
    ("rectification_ledger", _("整改台账")),
    ("meeting_list", _("联系会议")),
    ("leader_list", _("联系领导")),
    ("leader_mine", _("我的联系点")),
    ("risk_point_overview", _("风险点")),
    ("risk_point_register", _("风险点")),
    ("circular_list", _("通报")),
    ("keyreg_overview", _("重点制度")),
    ("keyreg_edit", _("重点制度")),
    ("regulation_list", _("制度库")),
    ("alert_list", _("预警")),
    ("case_list", _("问责")),
    ("petition_list", _("来信来访")),
    ("survey_list", _("民主测评")),
    ("assessment_list", _("考核")),
    ("plan_import", _("导入方案")),
    ("unit_registry", _("单位管理")),
    # The administrators' (三员) pages
    ("admin_home", _("管理首页")),
    ("user_list", _("用户管理")),
    ("onboarding_import", _("通讯录导入")),
    ("audit_log", _("审计日志")),
)


@dataclass(frozen=True)
class NavLink:
    name: str
    label: str
    url: str
    active: bool


@cache
def _required_roles(name: str) -> frozenset[str] | None:
    """The roles the view behind URL ``name`` asks for: fixed once the URLs are loaded, so resolved once per
    process rather than on every page (issue 12 item 9)."""
    return getattr(resolve(reverse(name)).func, "required_roles", None)


_NavEntry = tuple[str, str, str, frozenset[str] | None]  # name, label, URL, the roles its view asks for
_nav_memo: tuple[tuple, dict[str, tuple[_NavEntry, ...]]] = ((), {})


def _nav_links() -> tuple[_NavEntry, ...]:
    """Each NAV entry with its URL and the roles its view asks for: fixed once the URLs are loaded, so
    reversed once per process (and script prefix) rather than 32 times on every page. A name not routed
    fails the first page, as it did every page; a NAV replaced (tests) is read again."""
    global _nav_memo
    nav, by_prefix = _nav_memo
    if nav is not NAV:
        nav, by_prefix = _nav_memo = (NAV, {})
    prefix = get_script_prefix()
    if prefix not in by_prefix:
        by_prefix[prefix] = tuple((name, label, reverse(name), _required_roles(name)) for name, label in nav)
    return by_prefix[prefix]


def _nav(request: HttpRequest, roles: frozenset[str]) -> list[NavLink]:
    current = request.resolver_match.view_name if request.resolver_match else None
    return [
        NavLink(name=name, label=label, url=url, active=name == current)
        for name, label, url, required in _nav_links()
        if required is None or required & roles
    ]


def shell(request: HttpRequest) -> dict:
    """``shell``: ``roles`` (labels of the user's roles), ``nav`` (links this user may follow),
    ``email_reset`` (whether passwords can be reset by e-mail), ``inbox`` (whether the header shows the
    inbox: business roles have one; the administrators and a person who must first change a password not),
    ``todo`` (whether the navigation loads its 待办 counts: the same people).
    Nothing for anonymous visitors, so the login page makes no query."""
    user = getattr(request, "user", None)
    email_reset = settings.TAIZHANG_EMAIL_ENABLED  # 找回密码 by e-mail is offered on the login page
    if user is None or not user.is_authenticated:
        return {"shell": {"roles": [], "nav": [], "email_reset": email_reset, "inbox": False, "todo": False}}
    roles = request_roles(request)
    business = bool(roles & set(BUSINESS_ROLES)) and not user.must_change_password
    return {
        "shell": {
            "roles": [role.label for role in Role if role.value in roles],
            "nav": _nav(request, roles),
            "email_reset": email_reset,
            "inbox": business,
            "todo": business,  # the navigation's 待办 counts (``workbench_badges``), loaded after the page
        }
    }
