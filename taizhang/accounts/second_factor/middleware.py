"""强制双因素: a signed-in person holding a role of ``TAIZHANG_2FA_REQUIRED_ROLES`` whose session has not
passed a second factor is sent to enrol one, before anything else (as ``PasswordChangeRequiredMiddleware``
does for an initial password, whose page is let through first).

- not enrolled: only the enrolment page, the password page, signing out, the language switch and the
  health check; the API answers a session caller 403 ``second_factor_required``;
- enrolled, yet the session never passed the second step (opened before this was deployed, or by a way
  around the sign-in page): the session ends and the person signs in again, with the code.

A session that passed (``pending.has_passed``) costs nothing here; otherwise the roles are read once per
request (the same read the view makes)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin

from taizhang.accounts.codes import AccountCode
from taizhang.accounts.second_factor.factors import enrolled_factors, factor_required
from taizhang.accounts.second_factor.pending import has_passed
from taizhang.lib.access import SELF_AUTHENTICATING_PREFIXES, to_login
from taizhang.lib.i18n import both

ENROL_ROUTE = "second_factor"
LET_THROUGH: tuple[str, ...] = (ENROL_ROUTE, "password_change", "logout", "set_language", "healthz", "login")
MESSAGE = both(
    "请先启用第二因素（动态口令）", "Enrol a second factor first"
)  # the API's answer: both languages


class SecondFactorRequiredMiddleware(MiddlewareMixin):
    """Goes after ``PasswordChangeRequiredMiddleware``."""

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or has_passed(request.session):
            return None
        path = request.path_info
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        is_api = path.startswith(SELF_AUTHENTICATING_PREFIXES)
        if is_api and "authorization" in request.headers:
            return None  # a token call: the API decides (a token is made by a person signed in with both)
        if not factor_required(user):
            return None
        if enrolled_factors(user):
            logout(request)
            if is_api:
                return JsonResponse(
                    {"code": "unauthorized", "message": both("请先登录", "Sign in first")}, status=401
                )
            return to_login(request)
        match = request.resolver_match
        if match is not None and match.view_name in LET_THROUGH:
            return None
        target = reverse(ENROL_ROUTE)
        if is_api:
            body = {"code": str(AccountCode.SECOND_FACTOR_REQUIRED), "message": MESSAGE}
            return JsonResponse(body, status=403)
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=403)
            if urlsplit(request.headers.get("HX-Current-URL", "")).path != target:
                response["HX-Redirect"] = target
            return response
        return HttpResponseRedirect(target)
