"""解除登录锁定: the security administrator lifts an account's sign-in lockout from its page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.administrators import person_for_admin
from taizhang.accounts.models import Role
from taizhang.accounts.services import signin_unlock
from taizhang.lib.pageforms import message_action


@role_required(Role.SECURITY_ADMIN)
@require_POST
def user_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    person = person_for_admin(request.user, user_id)

    def act() -> str:
        signin_unlock(actor=request.user, user=person)
        return _("已解除登录锁定。")

    return message_action(request, act, back=redirect("user_detail", user_id=person.pk))
