"""The tick forgets sign-in failures that count toward nothing any more, and never one that still refuses
someone: a locked name and a throttled address stay locked through the purge."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from taizhang.accounts.models import SignInCounter
from taizhang.accounts.signin_purge import PURGED, signin_counters_purge
from taizhang.audit.models import AuditEvent
from tests.signin.conftest import PASSWORD
from tests.signin.test_lockout import sign_in

pytestmark = pytest.mark.django_db

START = datetime(2024, 3, 5, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
WRONG = "wrong-口令-123"


def _keys() -> set[tuple[str, str]]:
    return set(SignInCounter.objects.values_list("kind", "key"))


def test_a_locked_name_and_a_throttled_address_stay_locked_through_the_purge(office, settings, time_machine):
    settings.TAIZHANG_LOCKOUT_MINUTES, settings.TAIZHANG_THROTTLE_MINUTES = 30, 10
    time_machine.move_to(START, tick=False)
    sign_in("liaison1", WRONG)  # the name's count starts here …
    time_machine.move_to(START + timedelta(minutes=20), tick=False)
    for _ in range(4):
        sign_in("liaison1", WRONG)  # … and locks it at +20 until +50
    time_machine.move_to(START + timedelta(minutes=35), tick=False)
    for n in range(settings.TAIZHANG_THROTTLE_FAILURES):
        sign_in(f"guess{n}", WRONG, ip="10.6.6.6")  # throttled until +45
    time_machine.move_to(START + timedelta(minutes=44), tick=False)
    signin_counters_purge()  # liaison1's count began 44 minutes ago, but it still locks
    assert {("account", "liaison1"), ("address", "10.6.6.6")} <= _keys()
    assert sign_in("liaison1", PASSWORD, ip="10.2.2.2")[0] is False
    assert sign_in("clerk2", PASSWORD, ip="10.6.6.6")[0] is False


def test_counts_past_their_windows_go_and_counts_in_them_stay(office, settings, time_machine):
    settings.TAIZHANG_LOCKOUT_MINUTES, settings.TAIZHANG_THROTTLE_MINUTES = 30, 10
    time_machine.move_to(START, tick=False)
    for _ in range(settings.TAIZHANG_LOCKOUT_FAILURES):
        sign_in("liaison1", WRONG, ip="10.1.1.1")  # locks the name until +30
    sign_in("clerk2", WRONG, ip="10.3.3.3")  # a stray failure: fewer than lock
    time_machine.move_to(START + timedelta(minutes=25), tick=False)
    sign_in("office", WRONG, ip="10.4.4.4")
    time_machine.move_to(START + timedelta(minutes=31), tick=False)

    # Gone: the ended lockout and clerk2's count (both begun over 30 minutes ago) and their addresses (over
    # 10); kept: office's count (6 minutes old) and its address (in its window).
    assert signin_counters_purge() == 4
    assert _keys() == {("account", "office"), ("address", "10.4.4.4")}
    (entry,) = AuditEvent.objects.filter(action=PURGED)
    assert entry.after == {"deleted": 4} and entry.actor is None
    assert sign_in("liaison1", PASSWORD)[0] is True


def test_a_purge_with_nothing_to_do_writes_no_audit_entry(office):
    sign_in("clerk2", WRONG)
    assert signin_counters_purge() == 0
    assert not AuditEvent.objects.filter(action=PURGED).exists()


def test_the_tick_purges(office, settings, time_machine):
    time_machine.move_to(START, tick=False)
    sign_in("clerk2", WRONG, ip="10.3.3.3")
    time_machine.move_to(START + timedelta(days=1), tick=False)
    call_command("tick", stdout=StringIO(), stderr=StringIO())
    assert not SignInCounter.objects.exists()
    assert AuditEvent.objects.filter(action=PURGED, source="cmd:tick").exists()
