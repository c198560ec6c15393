"""The session between the password and the second factor (待验证): it names the person but is not signed
in (no ``SESSION_KEY``), so every page but the second step and the whole API treat it as anonymous. It
lasts ``MAX_AGE`` seconds. Once the second factor passes, the session is marked, and the middleware lets
a person who must use a second factor through only with that mark."""

from __future__ import annotations

import time

from taizhang.accounts.models import User

PENDING = "taizhang_2fa_pending"
PASSED = "taizhang_2fa_passed"
MAX_AGE = 300


def pending_begin(request, user: User, *, next_url: str) -> None:
    request.session.cycle_key()  # a new session id once the password is known (session fixation)
    request.session[PENDING] = {"user": user.pk, "backend": user.backend, "at": time.time(), "next": next_url}


def pending_get(request) -> tuple[User, dict] | None:
    """The person waiting for the second step and what was kept for it, or ``None`` (none, or too old)."""
    data = request.session.get(PENDING)
    if not isinstance(data, dict):
        return None
    if time.time() - data.get("at", 0) > MAX_AGE:
        pending_clear(request)
        return None
    user = User.objects.filter(pk=data.get("user"), is_active=True).first()
    return (user, data) if user is not None else None


def pending_clear(request) -> None:
    request.session.pop(PENDING, None)


def mark_passed(session) -> None:
    session[PASSED] = True


def unmark_passed(session) -> None:
    session.pop(PASSED, None)


def has_passed(session) -> bool:
    return bool(session.get(PASSED))
