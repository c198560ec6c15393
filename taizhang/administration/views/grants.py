"""角色授权 and 重置密码: the security administrator's actions on an account's page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.administrators import person_for_admin
from taizhang.accounts.models import Role, RoleGrant
from taizhang.accounts.services import password_reset_by_admin, role_grant_by_admin, role_revoke_by_admin
from taizhang.administration.forms_people import GrantForm
from taizhang.administration.views.people import detail_context
from taizhang.lib.pageforms import form_submit, message_action, refusal_answer


@role_required(Role.SECURITY_ADMIN)
@require_POST
def user_grant(request: HttpRequest, user_id: int) -> HttpResponse:
    person = person_for_admin(request.user, user_id)
    form = GrantForm(request.POST, admin=request.user)
    sent = form_submit(
        form, lambda data: role_grant_by_admin(actor=request.user, user=person, **data), denied_on_form=True
    )
    if sent.done:
        messages.success(request, _("已授予：%(grant)s") % {"grant": sent.result})
        return redirect("user_detail", user_id=person.pk)
    context = detail_context(request, person, grant_form=form)
    return render(request, "administration/people/user_detail.html", context, status=sent.status)


@role_required(Role.SECURITY_ADMIN)
@require_POST
def user_grant_revoke(request: HttpRequest, user_id: int, rolegrant_id: int) -> HttpResponse:
    person = person_for_admin(request.user, user_id)
    grant = get_object_or_404(
        RoleGrant.objects.select_related("unit", "region", "user"), pk=rolegrant_id, user=person
    )

    def act() -> str:
        role_revoke_by_admin(actor=request.user, grant=grant)
        return _("已撤销：%(grant)s") % {"grant": grant}

    return message_action(request, act, back=redirect("user_detail", user_id=person.pk))


@role_required(Role.SECURITY_ADMIN)
@never_cache
@require_POST
def user_password_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    person = person_for_admin(request.user, user_id)
    try:
        password = password_reset_by_admin(actor=request.user, user=person)
    except ValidationError as exc:  # refused (one's own account): a message on the account's page
        messages.error(request, refusal_answer(exc)[1])
        return redirect("user_detail", user_id=person.pk)
    context = {"person": person, "password": password, "reset": True}
    return render(request, "administration/people/one_time_password.html", context)
