"""用户管理: the system administrator's pages over the accounts of their region — list with search and
filters, create (a one-time password shown once), edit, disable and re-enable. The security administrator
reads the same list and account page, where they grant roles and reset passwords (``views/grants.py``)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from taizhang.accounts import signin_guard
from taizhang.accounts.access import role_required
from taizhang.accounts.administrators import PAGE_ROLES, people_for_admin, person_for_admin
from taizhang.accounts.models import Role, RoleGrant, User
from taizhang.accounts.second_factor.totp import totp_enrolled
from taizhang.accounts.selectors import has_role
from taizhang.accounts.services import user_create_by_admin, user_disable, user_enable, user_update
from taizhang.administration.forms_people import GrantForm, UserFilterForm, UserForm
from taizhang.lib.pageforms import form_submit, message_action

PAGE_SIZE = 50
FORM = "administration/people/user_form.html"


@role_required(*PAGE_ROLES)
@require_GET
def user_list(request: HttpRequest) -> HttpResponse:
    form = UserFilterForm(request.GET or None, user=request.user)
    people = people_for_admin(request.user, **form.filters()).prefetch_related("role_grants")
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "may_create": has_role(request.user, Role.SYSTEM_ADMIN)}
    return render(request, "administration/people/user_list.html", context)


@role_required(Role.SYSTEM_ADMIN)
@never_cache
@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserForm(request.POST or None, admin=request.user)
    if request.method != "POST":
        return render(request, FORM, {"form": form})
    sent = form_submit(form, lambda data: user_create_by_admin(actor=request.user, **data))
    if not sent.done:
        return render(request, FORM, {"form": form}, status=sent.status)
    person, password = sent.result
    # Shown in this answer only: never in the session, a message or a log.
    return render(
        request, "administration/people/one_time_password.html", {"person": person, "password": password}
    )


def detail_context(request: HttpRequest, person: User, **forms) -> dict:
    grants = RoleGrant.objects.filter(user=person).select_related("unit", "region").order_by("role", "pk")
    may_grant = has_role(request.user, Role.SECURITY_ADMIN)
    return {
        "person": person,
        "grants": grants,
        "may_manage": has_role(request.user, Role.SYSTEM_ADMIN),
        "may_grant": may_grant and person.pk != request.user.pk,
        "locked_until": signin_guard.locked_until(person),
        "second_factor_on": totp_enrolled(person),
        "grant_form": forms.get("grant_form") or (GrantForm(admin=request.user) if may_grant else None),
    }


@role_required(*PAGE_ROLES)
@require_GET
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    person = person_for_admin(request.user, user_id)
    return render(request, "administration/people/user_detail.html", detail_context(request, person))


@role_required(Role.SYSTEM_ADMIN)
@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    person = person_for_admin(request.user, user_id)
    initial = {field: getattr(person, field) for field in ("display_name", "email", "mobile")}
    initial["unit"] = person.unit_id
    form = UserForm(request.POST or None, initial=initial, admin=request.user, editing=True)
    if request.method != "POST":
        return render(request, FORM, {"form": form, "person": person})
    sent = form_submit(form, lambda data: user_update(actor=request.user, user=person, **data))
    if sent.done:
        messages.success(request, _("已保存。"))
        return redirect("user_detail", user_id=person.pk)
    return render(request, FORM, {"form": form, "person": person}, status=sent.status)


@role_required(Role.SYSTEM_ADMIN)
@require_POST
def user_disable_view(request: HttpRequest, user_id: int) -> HttpResponse:
    person = person_for_admin(request.user, user_id)

    def act() -> str:
        user_disable(actor=request.user, user=person)
        return _("账号已停用，其登录会话已结束。")

    return message_action(request, act, back=redirect("user_detail", user_id=person.pk))


@role_required(Role.SYSTEM_ADMIN)
@require_POST
def user_enable_view(request: HttpRequest, user_id: int) -> HttpResponse:
    person = person_for_admin(request.user, user_id)

    def act() -> str:
        user_enable(actor=request.user, user=person)
        return _("账号已重新启用。")

    return message_action(request, act, back=redirect("user_detail", user_id=person.pk))
