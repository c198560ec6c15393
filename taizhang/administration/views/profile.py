"""个人设置: the signed-in person's own page — name, contact and page language; the password; API tokens
(made with a name and an expiry, shown once, listed with their last use, revoked). Every signed-in account
opens it, the three administrators (三员) too; only the person's own data is read or written (another's
token is 404). The header's language switch, for a signed-in person, keeps the choice here as well."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import i18n
from django.views.decorators.http import require_http_methods, require_POST

from taizhang.accounts.access import request_roles, signed_in_required
from taizhang.accounts.codes import AccountCode
from taizhang.accounts.models import ADMIN_ROLES, User
from taizhang.accounts.second_factor.totp import totp_enrolled
from taizhang.accounts.selectors import api_token_get, api_tokens_of
from taizhang.accounts.services import (
    api_token_create,
    api_token_revoke,
    language_set,
    password_change,
    profile_update,
)
from taizhang.administration.profile_forms import PasswordChangeForm, ProfileForm, TokenForm
from taizhang.lib.pageforms import message_action
from taizhang.lib.refusal import Refusal

PAGE = "administration/profile/profile.html"
PASSWORD_PAGE = "administration/profile/password_change.html"


def said(exc: ValidationError) -> list[str]:
    """A refusal in the page's language only (a ``Refusal`` carries both); other errors as they are."""
    if isinstance(exc, Refusal):
        return [exc.en if translation.get_language() == "en" else exc.zh]
    return exc.messages


def _profile_initial(user: User) -> dict:
    return {
        "display_name": user.display_name,
        "email": user.email,
        "mobile": user.mobile,
        "language": user.language,
    }


def _page(
    request: HttpRequest,
    *,
    status: int = 200,
    profile_form: ProfileForm | None = None,
    token_form: TokenForm | None = None,
    new_token: tuple | None = None,
) -> HttpResponse:
    user = request.user
    is_admin = bool(request_roles(request) & set(ADMIN_ROLES))
    context = {
        "profile_form": profile_form or ProfileForm(initial=_profile_initial(user)),
        "token_form": token_form or TokenForm(),
        "tokens": list(api_tokens_of(user)),
        "is_admin": is_admin,
        "new_token": new_token,  # (row, text): shown on this answer only
        "now": timezone.now(),
        "max_days": settings.TAIZHANG_API_TOKEN_MAX_DAYS,
        "second_factor_on": totp_enrolled(user),
    }
    response = render(request, PAGE, context, status=status)
    add_never_cache_headers(response)  # a token shown once must not be kept by a cache or the back button
    return response


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@signed_in_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    form = ProfileForm(request.POST)
    if not form.is_valid():
        return _page(request, status=422, profile_form=form)
    try:
        user = profile_update(user=request.user, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        for field, errors in getattr(exc, "error_dict", {None: [exc]}).items():
            for error in errors:
                form.add_error(field if field in form.fields else None, said(error))
        return _page(request, status=422, profile_form=form)
    response = redirect("profile")
    # The page switches at once: the cookie too, and the message in the language just chosen.
    language = user.language or translation.get_language()
    if user.language:
        _set_language_cookie(response, user.language)
    with translation.override(language):
        messages.success(request, _("个人设置已保存。"))
    return response


@signed_in_required
@require_http_methods(["GET", "POST"])
def password_change_view(request: HttpRequest) -> HttpResponse:
    """修改密码: the current password, the new one twice. Keeps this session, ends the person's others."""
    form = PasswordChangeForm(request.POST or None)
    if request.method != "POST":
        return render(request, PASSWORD_PAGE, {"form": form})
    if form.is_valid():
        data = form.cleaned_data
        try:
            password_change(
                user=request.user,
                old_password=data["old_password"],
                new_password=data["new_password1"],
                keep_session=request.session.session_key,
                actor=request.user,
            )
        except Refusal as exc:
            form.add_error("old_password" if exc.code == AccountCode.WRONG_PASSWORD else None, said(exc))
        except ValidationError as exc:  # the password validators, or the new one equal to the old
            form.add_error("new_password1", exc.messages)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("密码已修改。您在其他地方的登录已退出。"))
            return redirect("profile")
    return render(request, PASSWORD_PAGE, {"form": form}, status=422)


@signed_in_required
@require_POST
def api_token_create_view(request: HttpRequest) -> HttpResponse:
    """Make a token and show it on the answer to this POST, once; it is never shown again."""
    form = TokenForm(request.POST)
    if form.is_valid():
        days = form.cleaned_data["days"]
        try:
            token, raw = api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                expires_at=timezone.now() + timedelta(days=days) if days else None,
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error("days" if exc.code == AccountCode.TOKEN_TOO_LONG_LIVED else None, said(exc))
        else:
            return _page(request, new_token=(token, raw))
    return _page(request, status=422, token_form=form)


@signed_in_required
@require_POST
def api_token_revoke_view(request: HttpRequest, api_token_id: int) -> HttpResponse:
    token = api_token_get(user=request.user, pk=api_token_id)

    def revoke() -> str:
        api_token_revoke(token=token, actor=request.user)
        return _("令牌“%(name)s”已吊销，使用它的程序将无法再访问。") % {"name": token.name}

    return message_action(request, revoke, back=redirect("profile"))


def set_language(request: HttpRequest) -> HttpResponse:
    """The header's switch (Django's ``set_language``: cookie and redirect); a signed-in person's choice is
    also kept on their account, since their stored language comes before the cookie."""
    response = i18n.set_language(request)
    code = request.POST.get("language", "") if request.method == "POST" else ""
    if request.user.is_authenticated and code in {c for c, _name in settings.LANGUAGES}:
        language_set(user=request.user, language=code, actor=request.user)
    return response
