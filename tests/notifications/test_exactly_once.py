"""Two senders at once, a slow mail server: each message still reaches it exactly once (issue 12, item 7).

Each runner is its own process, as two ``taizhang tick`` runs are. The mail server holds every message for
a while before it accepts it; the second runner starts while the first is in the middle of its first
message — the moment that once sent that message twice (the claimed delivery still read "pending"). On
SQLite the runners share a database file; on PostgreSQL the test database (``@pytest.mark.postgres``).
A runner that stopped mid-send is the lease test: its delivery is tried again once its lease runs out."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.notifications.servers import Mailbox, free_port

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = 6
HOLD_SECONDS = 0.4  # the mail server's delay before it accepts each message

# Waits for its go file, so both runners are loaded before either sends.
RUN = """
import os, sys, time
import django; django.setup()
from django.utils import timezone
from taizhang.notifications.dispatch import dispatch_pending
deadline = time.monotonic() + 60
while not os.path.exists(sys.argv[1]):
    if time.monotonic() > deadline:
        sys.exit("never told to go")
    time.sleep(0.01)
print(dispatch_pending(now=timezone.now()).sent)
"""


def make_messages() -> None:
    """A liaison with an e-mail address and ``MESSAGES`` notifications for them, each with an e-mail
    delivery waiting (and no robot)."""
    from taizhang.accounts.models import Role
    from taizhang.notifications.services import notify
    from tests.factories import make_region, make_unit, make_user
    from tests.notifications.helpers import intent

    unit = make_unit(region=make_region(name="示范区"), name="区财政局")
    liaison = make_user(unit=unit, role=Role.LIAISON, display_name="李联络")
    liaison.email = "liaison@example.test"
    liaison.save(update_fields=["email"])
    for n in range(MESSAGES):
        notify(intent=intent(liaison, f"once:{n}", subject=f"督办单 {n} 即将到期"))


class SlowMailbox(Mailbox):
    def __init__(self):
        super().__init__()
        self.first_arrived = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.first_arrived.set()
        await asyncio.sleep(HOLD_SECONDS)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_smtp(settings):
    """The slow server, and this process's settings making e-mail deliveries (and no robot ones)."""
    settings.TAIZHANG_EMAIL_ENABLED, settings.TAIZHANG_WEBHOOK_URL = True, ""
    mailbox, port = SlowMailbox(), free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, mailbox
    finally:
        controller.stop()


def _env(port: int, **more: str) -> dict[str, str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "taizhang.settings", **more}
    env.update(TAIZHANG_EMAIL_HOST="127.0.0.1", TAIZHANG_EMAIL_PORT=str(port), TAIZHANG_WEBHOOK_URL="")
    return env


def _python(code: str, *args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _two_runners_at_once(env: dict[str, str], mailbox: SlowMailbox, tmp_path: Path) -> list[int]:
    """Starts both runners, lets the first go, and the second once the first is mid-send."""
    go = [tmp_path / "go-first", tmp_path / "go-second"]
    runners = [_python(RUN, str(path), env=env) for path in go]
    try:
        go[0].touch()
        deadline = time.monotonic() + 60
        while not mailbox.first_arrived.wait(0.05):
            if runners[0].poll() is not None or time.monotonic() > deadline:  # it sent nothing
                runners[0].kill()
                raise AssertionError(runners[0].communicate()[1][-2000:] or "the first runner sent nothing")
        go[1].touch()
        sent = []
        for runner in runners:
            out, err = runner.communicate(timeout=60)
            assert runner.returncode == 0, err[-2000:]
            sent.append(int(out.strip().splitlines()[-1]))
        return sent
    finally:
        for runner in runners:  # never leave a runner behind, whatever failed
            if runner.poll() is None:
                runner.kill()
                runner.wait()


def _subjects(mailbox: Mailbox) -> Counter:
    return Counter(str(message["Subject"]) for message in mailbox.messages)


EXPECTED = Counter({f"【台账】督办单 {n} 即将到期": 1 for n in range(MESSAGES)})


@pytest.mark.django_db(transaction=True)
def test_two_runners_against_a_slow_mail_server_send_each_message_once_on_sqlite(slow_smtp, tmp_path):
    import sqlite3

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite run of this test")
    port, mailbox = slow_smtp
    make_messages()
    connection.ensure_connection()
    with sqlite3.connect(tmp_path / "taizhang.sqlite3") as copy:  # the runners' database file
        connection.connection.backup(copy)
    env = _env(port, TAIZHANG_DATA_DIR=str(tmp_path))
    env.pop("DATABASE_URL", None)
    _check_exactly_once(env, mailbox, tmp_path)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_runners_against_a_slow_mail_server_send_each_message_once_on_postgresql(slow_smtp, tmp_path):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL naming the throw-away PostgreSQL cluster")
    port, mailbox = slow_smtp
    make_messages()
    base, _slash, _name = os.environ["DATABASE_URL"].rpartition("/")
    test_database = f"{base}/{connection.settings_dict['NAME']}"
    _check_exactly_once(_env(port, DATABASE_URL=test_database), mailbox, tmp_path)
    from taizhang.notifications.models import Delivery

    assert set(Delivery.objects.filter(channel="email").values_list("state", "attempts")) == {("sent", 1)}


def _check_exactly_once(env: dict[str, str], mailbox: SlowMailbox, tmp_path: Path) -> None:
    sent = _two_runners_at_once(env, mailbox, tmp_path)
    assert _subjects(mailbox) == EXPECTED
    assert sorted(sent)[0] >= 1 and sum(sent) == MESSAGES  # both worked, neither sent another's message


@pytest.mark.django_db
def test_a_delivery_whose_sender_stopped_is_sent_again_after_its_lease(settings, smtp, time_machine):
    """A runner took the delivery and died (its lease is in the table, no result): nobody sends it while
    the lease runs; after it, the next run marks the try interrupted and sends it."""
    from django.utils import timezone

    from taizhang.notifications.dispatch import INTERRUPTED, _claim, dispatch_pending
    from taizhang.notifications.models import Delivery

    time_machine.move_to(timezone.now(), tick=False)
    settings.TAIZHANG_WEBHOOK_URL = ""
    make_messages()
    first = Delivery.objects.filter(channel="email").order_by("pk").first()
    assert _claim(first, runner="dead-host:1:x", now=timezone.now())  # …and then the runner died

    assert dispatch_pending(now=timezone.now()).sent == MESSAGES - 1  # still held: not sent
    time_machine.shift(timedelta(seconds=settings.TAIZHANG_DELIVERY_LEASE_SECONDS + 1))
    assert dispatch_pending(now=timezone.now()).sent == 1
    first.refresh_from_db()
    assert (first.state, first.attempts, first.claimed_by) == ("sent", 2, "")
    assert [(t.ok, t.error) for t in first.tries.order_by("id")] == [(False, INTERRUPTED), (True, "")]
    assert _subjects(smtp) == EXPECTED
