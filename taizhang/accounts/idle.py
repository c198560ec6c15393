"""会话超时: a signed-in session ends on the server after ``TAIZHANG_SESSION_IDLE_MINUTES`` without a request
(``TAIZHANG_ADMIN_SESSION_IDLE_MINUTES`` for the three administrators), and ``SESSION_COOKIE_AGE`` after its
sign-in however active it stays. The session's own expiry moves on with every save, so the absolute
lifetime is kept here from the sign-in time.

The last request's time is written to the session at most once a minute, so a page with many htmx requests
does not write the session on each. A timed-out session is flushed, audited as ``auth.timeout`` and the
request goes on anonymous: the deny-by-default middleware sends it to the login page, where a message
says why (the API answers 401 as to any anonymous caller)."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _

from taizhang.accounts.models import ADMIN_ROLES, RoleGrant, User
from taizhang.audit.services import audit_record
from taizhang.lib.client_ip import client_ip

SIGNED_IN_AT = "taizhang_signed_in_at"
LAST_SEEN = "taizhang_last_seen"
TIMEOUT = "auth.timeout"
# How stale the stored time may get before a request writes it again (seconds).
WRITE_EVERY = 60
_TIMED_OUT = "taizhang_session_timed_out"


def _stamp(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


def connect() -> None:
    user_logged_in.connect(_stamp, dispatch_uid="taizhang_session_stamp")


def _is_admin(user_id: str) -> bool:
    return RoleGrant.objects.filter(user_id=user_id, role__in=ADMIN_ROLES).exists()


def expired(session, now: float) -> str | None:
    """``"idle"``, ``"absolute"`` or ``None`` for a signed-in session at ``now`` (a Unix time)."""
    signed_in = session.get(SIGNED_IN_AT)
    if signed_in is not None and now - signed_in > settings.SESSION_COOKIE_AGE:
        return "absolute"
    last = session.get(LAST_SEEN)
    if last is None:
        return None
    idle = now - last
    if idle <= settings.TAIZHANG_ADMIN_SESSION_IDLE_MINUTES * 60:
        return None  # within both limits: no query
    if idle > settings.TAIZHANG_SESSION_IDLE_MINUTES * 60 or _is_admin(session[SESSION_KEY]):
        return "idle"
    return None


class SessionTimeoutMiddleware(MiddlewareMixin):
    """Goes after ``AuthenticationMiddleware`` and before the deny-by-default middleware."""

    def process_request(self, request) -> None:
        session = request.session
        if SESSION_KEY not in session:
            return
        now = time.time()
        why = expired(session, now)
        if why is None:
            if now - session.get(LAST_SEEN, 0) > WRITE_EVERY:
                session[LAST_SEEN] = now
                session.setdefault(SIGNED_IN_AT, now)  # a session from before this middleware
            return
        user = User.objects.filter(pk=session[SESSION_KEY]).first()
        with transaction.atomic():
            audit_record(
                actor=user,
                action=TIMEOUT,
                obj=user,
                after={"reason": why},
                source="web",
                ip=client_ip(request),
            )
        session.flush()
        request.user = AnonymousUser()
        setattr(request, _TIMED_OUT, True)

    def process_view(self, request, view_func, view_args, view_kwargs) -> None:
        # The message store exists from here on (MessageMiddleware has run its request part).
        if getattr(request, _TIMED_OUT, False) and hasattr(request, "_messages"):
            messages.warning(request, _("登录已超时，请重新登录。"))
