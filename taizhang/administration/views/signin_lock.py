"""解除登录锁定 and 重置第二因素: the security administrator's buttons on an account's page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taizhang.accounts.access import role_required
from taizhang.accounts.administrators import person_for_admin
from taizhang.accounts.models import Role
from taizhang.accounts.second_factor.services import second_factor_reset
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


@role_required(Role.SECURITY_ADMIN)
@require_POST
def user_second_factor_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """重置第二因素: for a person who lost the authenticator and the recovery codes."""
    person = person_for_admin(request.user, user_id)

    def act() -> str:
        second_factor_reset(actor=request.user, user=person)
        return _("已重置第二因素，其登录会话已结束；本人下次登录后重新启用。")

    return message_action(request, act, back=redirect("user_detail", user_id=person.pk))
