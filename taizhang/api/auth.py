"""Who is calling: an API token (``Authorization: Bearer …``) or the signed-in session of the web pages.

Deny by default: the API object requires one of these on every operation, and a caller must also hold at
least one role grant — a signed-in account without a role may use nothing, which also keeps empty lists
from answering 200 to people who should not be here at all.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from taizhang.accounts.models import BUSINESS_ROLES, User
from taizhang.accounts.selectors import api_token_active, roles_held
from taizhang.accounts.services import api_token_mark_used
from taizhang.api.errors import ApiCode, ApiError, error_body


def _require_role(user: User) -> User:
    roles = roles_held(user)
    if not roles & set(BUSINESS_ROLES):
        if roles:  # 三员分立: the administrators do no business, through the pages or the API
            message = "管理员账号不能使用业务接口 / Administrator accounts cannot use the business API"
            raise ApiError(403, ApiCode.NO_ROLE, message)
        raise ApiError(403, ApiCode.NO_ROLE, "您的账号尚未授予任何角色 / Your account holds no role")
    return user


class TokenAuth(HttpBearer):
    """An ``ApiToken``: stored as a digest, so the lookup hashes the presented text."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        api_token = api_token_active(token.strip()) if token.strip() else None
        if api_token is None:
            return None
        api_token_mark_used(token=api_token)
        request.user = api_token.user  # the selectors and services see the same user as with a session
        return _require_role(api_token.user)


class SessionAuth(APIKeyCookie):
    """The web pages' session, so their htmx can call the API. Writes need the CSRF token, as forms do.

    A request that sends an ``Authorization`` header is judged by that header alone: a bad token next to
    a good session cookie is a bad request, not a quiet fallback."""

    param_name = settings.SESSION_COOKIE_NAME  # only names the scheme in the OpenAPI schema

    def _get_key(self, request: HttpRequest) -> str | None:
        # ninja's cookie auth checks CSRF here, before knowing whether anyone is signed in, which would
        # answer an anonymous write 403 instead of 401; ``authenticate`` checks it once a user is known.
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        if "authorization" in request.headers or not request.user.is_authenticated:
            return None
        if check_csrf(request) is not None:  # safe methods always pass
            raise ApiError(403, ApiCode.CSRF_FAILED, "CSRF 校验失败，请刷新页面 / CSRF check failed")
        return _require_role(request.user)


API_AUTH = [TokenAuth(), SessionAuth()]


def require_api_auth(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The same check for the plain Django views of the API (the OpenAPI schema), with the same errors."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            user = next((u for u in (auth(request) for auth in API_AUTH) if u), None)
        except ApiError as exc:
            return JsonResponse(error_body(exc.status_code, exc.code, exc.message), status=exc.status_code)
        if user is None:
            response = JsonResponse(error_body(401), status=401)
            response["WWW-Authenticate"] = 'Bearer realm="taizhang"'
            return response
        return view(request, *args, **kwargs)

    return wrapper
