"""Who may open a page, first part: deny by default.

``LoginRequiredMiddleware`` sends every anonymous request to the login page, except the routes named in
``PUBLIC_ROUTES`` and the paths under ``SELF_AUTHENTICATING_PREFIXES`` (the API answers for itself with a
JSON 401 rather than an HTML login form). A new view is private without anyone remembering to say so.
Which roles may open a view is ``accounts.access.role_required``; which *rows* a user may see is decided in
each app's selectors, which take the user.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.deprecation import MiddlewareMixin

# URL names (``request.resolver_match.view_name``) any visitor may open. Static files are public too, but
# WhiteNoise answers ``STATIC_URL`` before URL routing, so they never reach a view or this list. Keep it
# short: a test asserts that every other route turns an anonymous visitor away.
PUBLIC_ROUTES: tuple[str, ...] = (
    "login",
    "login_second_factor",  # the code after the password: the session is not signed in until it passes
    "logout",
    "set_language",
    # Liveness and readiness for monitoring: status words only, no cookie set, GET and HEAD.
    "healthz",
    "readyz",
    # 找回密码 by e-mail (404 where e-mail is not configured): ask for a link; follow it to set a password.
    "password_reset",
    "password_reset_confirm",
    # 民主测评: a rater with a one-time code and no account; wrong codes share the sign-in throttle.
    "rate",
)

# URL names any signed-in account may open, whatever roles it holds (none, a business role, or one of the
# three administrators'): one's own settings (个人设置) — name, contact, language, password, the second
# factor, API tokens. They act only on the signed-in person (another's token is 404); anonymous visitors are
# still sent to sign in. Views carry ``accounts.access.signed_in_required``; the deny-by-default test reads
# this list.
SIGNED_IN_ROUTES: tuple[str, ...] = (
    "profile",
    "password_change",
    "api_token_create",
    "api_token_revoke",
    # 第二因素: enrol, disable, new recovery codes
    "second_factor",
    "second_factor_disable",
    "recovery_codes_regenerate",
)

# Paths whose views authenticate the caller themselves (API tokens or the session) and refuse with their own
# error shape. They are not public: the API denies by default on its own.
SELF_AUTHENTICATING_PREFIXES: tuple[str, ...] = ("/api/",)


def to_login(request: HttpRequest) -> HttpResponse:
    """Send an anonymous visitor to the login page, and back here afterwards."""
    if request.headers.get("HX-Request"):
        # An htmx request follows a redirect and would swap the login page into a fragment; make the
        # whole page go to the login form instead.
        response = HttpResponse(status=401)
        response["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
        return response
    return redirect_to_login(request.get_full_path())


class LoginRequiredMiddleware(MiddlewareMixin):
    """Deny by default, like Django's own ``LoginRequiredMiddleware``, but public routes are listed in
    ``PUBLIC_ROUTES`` rather than marked on each view with ``@login_not_required`` (ignored here), so one
    list says what is public. Goes after ``AuthenticationMiddleware``."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith(SELF_AUTHENTICATING_PREFIXES):
            return None
        if request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in PUBLIC_ROUTES:
            return None
        return to_login(request)
