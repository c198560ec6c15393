"""强制修改密码: a signed-in person whose password was given to them (an initial or a reset one,
``User.must_change_password``) is sent to the password-change page before anything else.

Let through: that page, signing out, static files, the language switch and the health checks. The API
answers a session caller 403 ``password_change_required`` (a token caller is judged by the API alone: a
token is not a password). htmx requests get an ``HX-Redirect`` so the whole page goes there."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.deprecation import MiddlewareMixin

from taizhang.accounts.codes import AccountCode
from taizhang.lib.access import SELF_AUTHENTICATING_PREFIXES
from taizhang.lib.i18n import both

PASSWORD_CHANGE_ROUTE = "password_change"
LET_THROUGH: tuple[str, ...] = (PASSWORD_CHANGE_ROUTE, "logout", "set_language", "healthz", "readyz", "login")

MESSAGE = both("请先修改初始密码", "Change your initial password first")  # the API's: both


def password_change_url() -> str:
    """Reversed on each use (the URLconf may not be loaded when this module is)."""
    return reverse(PASSWORD_CHANGE_ROUTE)


class PasswordChangeRequiredMiddleware(MiddlewareMixin):
    """Goes after ``AuthenticationMiddleware`` (and the deny-by-default middleware)."""

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.must_change_password:
            return None
        path = request.path_info
        target = password_change_url()
        if path == target or path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in LET_THROUGH:
            return None
        if path.startswith(SELF_AUTHENTICATING_PREFIXES):
            if "authorization" in request.headers:
                return None  # a token call: the API decides
            body = {"code": str(AccountCode.PASSWORD_CHANGE_REQUIRED), "message": MESSAGE}
            return JsonResponse(body, status=403)
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=403)
            # A fragment of the password page itself is refused, not redirected: redirecting the page to
            # itself would reload it for ever.
            if urlsplit(request.headers.get("HX-Current-URL", "")).path != target:
                response["HX-Redirect"] = target
            return response
        return HttpResponseRedirect(target)
