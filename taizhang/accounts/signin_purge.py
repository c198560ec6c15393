"""Forgetting old sign-in failures: the tick deletes ``SignInCounter`` rows that no longer count toward
anything, so the table holds only the names and addresses failing now (``accounts.signin_guard``).

A row goes when it locks nothing (no lockout, or one that has ended) and its count began more than its
window ago: the address window (``TAIZHANG_THROTTLE_MINUTES``) for an address, the lockout period
(``TAIZHANG_LOCKOUT_MINUTES``) for an account name. For an address, and for an account whose lockout has
ended, that changes nothing: the next failure would start the count again anyway. For an account with fewer
failures than lock it, the run is forgotten: that gives a guesser nothing the lockout does not already
allow (a full set of failures every lockout period), and spares a person a lockout for a mistake of days ago.
Each failure stays in the audit log (``auth.login_failed``); the purge is audited when it deletes anything.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from taizhang.accounts.models import SignInCounter
from taizhang.audit.services import audit_record

PURGED = "auth.counters_purged"

Kind = SignInCounter.Kind


def signin_counters_purge(*, today: date | None = None) -> int:
    """A step of ``taizhang tick`` (``jobs.steps``): delete the counters described in the module docstring,
    as of now (``today`` is the tick's and not needed: the windows are minutes). Returns how many went."""
    now = timezone.now()
    unlocked = Q(locked_until__isnull=True) | Q(locked_until__lte=now)
    old_account = Q(
        kind=Kind.ACCOUNT, window_start__lte=now - timedelta(minutes=settings.TAIZHANG_LOCKOUT_MINUTES)
    )
    old_address = Q(
        kind=Kind.ADDRESS, window_start__lte=now - timedelta(minutes=settings.TAIZHANG_THROTTLE_MINUTES)
    )
    with transaction.atomic():
        deleted, _ = SignInCounter.objects.filter(unlocked, old_account | old_address).delete()
        if deleted:
            audit_record(actor=None, action=PURGED, obj=None, after={"deleted": deleted})
    return deleted
