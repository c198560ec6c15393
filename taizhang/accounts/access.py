"""Who may open a page, second part: roles. (Anonymous visitors are turned away first by
``lib.access.LoginRequiredMiddleware``.)

- ``@role_required(*roles)`` on a view: anonymous → login page; signed in without one of ``roles`` → 403.
- ``@signed_in_required`` on a view any signed-in account may open (one's own settings; listed in
  ``lib.access.SIGNED_IN_ROUTES``): anonymous → login page, whatever roles → the view.
- ``request_roles(request)``: the roles the signed-in user holds, read once per request.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from taizhang.accounts.models import BUSINESS_ROLES, Role
from taizhang.accounts.selectors import roles_held
from taizhang.lib.access import to_login

# Every business role, for the pages any of them may open. The administrators (三员) are not among them: they
# open only their own pages (a signed-in account without a grant opens none).
ANY_ROLE: tuple[Role, ...] = BUSINESS_ROLES

ViewFunc = Callable[..., HttpResponse]


def request_roles(request: HttpRequest) -> frozenset[str]:
    """The roles ``request.user`` holds on any scope: read with the user's scope, once per request
    (``accounts.scope``), none for anonymous visitors."""
    return roles_held(request.user)


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
                return to_login(request)
            if not required & request_roles(request):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_roles = required
        return wrapper

    return decorator


def signed_in_required(view: ViewFunc) -> ViewFunc:
    """Let the view run for any signed-in user, administrators (三员) and accounts without a role included:
    for pages about the person themselves, never about the work. Anonymous → the login page (401 with
    ``HX-Redirect`` for htmx). ``required_roles`` is None, so the navigation shows its link to everyone."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return to_login(request)
        return view(request, *args, **kwargs)

    wrapper.required_roles = None
    return wrapper
