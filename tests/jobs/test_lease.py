"""The tick's lease (jobs.lease): one runner at a time across hosts, a dead holder's lease runs out, a tick
that finds the lease taken says so, does nothing and exits 0."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models.functions import Now

from taizhang.jobs.lease import LeaseHeld, lease, lease_release, lease_take
from taizhang.jobs.models import Lease
from taizhang.notifications.models import Notification
from tests.jobs import fake_rules
from tests.notifications.helpers import intent

pytestmark = pytest.mark.django_db


def test_a_second_holder_is_refused_until_the_first_gives_the_lease_back():
    assert lease_take("tick", holder="host-a:1", seconds=60)
    assert not lease_take("tick", holder="host-b:2", seconds=60)
    assert lease_take("tick", holder="host-a:1", seconds=60)  # renewing one's own lease
    lease_release("tick", holder="host-b:2")  # not b's to give back: still a's
    assert not lease_take("tick", holder="host-b:2", seconds=60)
    lease_release("tick", holder="host-a:1")
    assert lease_take("tick", holder="host-b:2", seconds=60)


def test_the_lease_of_a_holder_that_died_runs_out_by_the_database_clock():
    assert lease_take("tick", holder="dead-host:1", seconds=60)
    Lease.objects.filter(name="tick").update(expires_at=Now() - timedelta(seconds=1))
    assert lease_take("tick", holder="host-b:2", seconds=60)
    assert Lease.objects.get(name="tick").holder == "host-b:2"


def test_the_block_holds_the_lease_and_gives_it_back_even_when_it_fails():
    with pytest.raises(RuntimeError), lease("tick", seconds=60) as holder:
        assert Lease.objects.get(name="tick").holder == holder
        raise RuntimeError
    assert Lease.objects.get(name="tick").holder == ""


def test_waiting_for_a_held_lease_gives_up_with_who_holds_it():
    lease_take("tick", holder="host-a:1", seconds=60)
    with (
        pytest.raises(LeaseHeld, match="held by host-a:1 until"),
        lease("tick", seconds=60, wait=0.05, poll=0.01),
    ):
        pass


def test_a_tick_finding_the_lease_taken_says_so_runs_nothing_and_exits_0(people, no_channels, monkeypatch):
    from taizhang.jobs import steps

    monkeypatch.setattr(steps, "OVERDUE_STEPS", ())
    monkeypatch.setattr(steps, "REMINDER_RULES", (fake_rules.reminders,))
    monkeypatch.setattr(fake_rules, "CALLS", [])
    monkeypatch.setattr(fake_rules, "INTENTS", [intent(people.liaison, "order:7:before")])
    lease_take("tick", holder="host-a:1", seconds=60)
    out = StringIO()
    call_command("tick", stdout=out, stderr=StringIO())  # no CommandError: exit 0
    assert "另一个 tick 正在运行（host-a:1" in out.getvalue()
    assert "另一个 tick 正在运行（host-a:1，租约至" in out.getvalue()
    assert fake_rules.CALLS == [] and not Notification.objects.exists()
    lease_release("tick", holder="host-a:1")
    call_command("tick", stdout=(out := StringIO()), stderr=StringIO())
    assert "新建提醒 1 条" in out.getvalue() and Lease.objects.get(name="tick").holder == ""


def test_a_negative_wait_is_refused():
    with pytest.raises(CommandError, match="--wait must not be negative"):
        call_command("tick", "--wait", "-1", stdout=StringIO())
