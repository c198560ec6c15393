"""Ending a person's sessions (登录会话) in the database session store: after a password change every other
browser the person is signed in on is signed out, not left to the password-hash check of its next request."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.utils import timezone

from taizhang.accounts.models import User


def sessions_end(*, user: User, keep: str | None = None) -> int:
    """Delete ``user``'s live sessions except the one whose key is ``keep``; returns how many ended.

    The store does not index sessions by user, so the live ones are decoded and read; a session that
    cannot be decoded is nobody's and is left alone. Runs in the caller's transaction."""
    ended = []
    live = Session.objects.filter(expire_date__gt=timezone.now()).exclude(session_key=keep or "")
    for session in live.iterator(chunk_size=500):
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            ended.append(session.session_key)
    Session.objects.filter(session_key__in=ended).delete()
    return len(ended)
