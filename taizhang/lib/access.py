"""Who may open a page: deny by default, then roles.

- ``LoginRequiredMiddleware`` sends every anonymous request to the login page, except the routes named in
  ``PUBLIC_ROUTES`` and the paths under ``SELF_AUTHENTICATING_PREFIXES`` (the API answers for itself with a
  JSON 401 rather than an HTML login form). A new view is private without anyone remembering to say so.
- ``@role_required(*roles)`` on a view: anonymous → login page; signed in without one of ``roles`` → 403.
- ``request_roles(request)``: the roles the signed-in user holds, read once per request.

Which *rows* a user may see is not decided here but in each app's selectors, which take the user.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.deprecation import MiddlewareMixin

from taizhang.accounts.models import Role
from taizhang.accounts.selectors import roles_held

# URL names (``request.resolver_match.view_name``) any visitor may open. Static files are public too, but
# WhiteNoise answers ``STATIC_URL`` before URL routing, so they never reach a view or this list. Keep it
# short: a test asserts that every other route turns an anonymous visitor away.
PUBLIC_ROUTES: tuple[str, ...] = ("login", "logout", "set_language", "healthz")

# Paths whose views authenticate the caller themselves (API tokens or the session) and refuse with their own
# error shape. They are not public: the API denies by default on its own.
SELF_AUTHENTICATING_PREFIXES: tuple[str, ...] = ("/api/",)

# Every role, for pages any role-holder may open (a signed-in account without a grant may open none).
ANY_ROLE: tuple[Role, ...] = tuple(Role)

ViewFunc = Callable[..., HttpResponse]


def request_roles(request: HttpRequest) -> frozenset[str]:
    """The roles ``request.user`` holds on any scope: read with the user's scope, once per request
    (``accounts.scope``), none for anonymous visitors."""
    return roles_held(request.user)


def _to_login(request: HttpRequest) -> HttpResponse:
    if request.headers.get("HX-Request"):
        # An htmx request follows a redirect and would swap the login page into a fragment; make the
        # whole page go to the login form instead.
        response = HttpResponse(status=401)
        response["HX-Redirect"] = resolve_url(settings.LOGIN_URL)
        return response
    return redirect_to_login(request.get_full_path())


def role_required(*roles: Role | str) -> Callable[[ViewFunc], ViewFunc]:
    """Let the view run only for a signed-in user holding one of ``roles`` (on any unit or region).

    Anonymous → redirect to the login page (401 with ``HX-Redirect`` for htmx); signed in without the
    role → 403. The roles are kept on the view as ``required_roles``, so the navigation shows a link only
    to those who may follow it. For class-based views: ``method_decorator(role_required(...), "dispatch")``.
    """
    if not roles:
        raise ValueError("role_required() needs at least one role; use ANY_ROLE for any role-holder.")
    required = frozenset(Role(role).value for role in roles)  # an unknown role fails at import time

    def decorator(view: ViewFunc) -> ViewFunc:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not request.user.is_authenticated:
                return _to_login(request)
            if not required & request_roles(request):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_roles = required
        return wrapper

    return decorator


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
        return _to_login(request)
