"""``taizhang tick``: overdue step, rules, notify, dispatch — run twice, every reminder is sent once; a
failing robot is retried on the next tick; --dry-run changes and sends nothing."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from taizhang.jobs import steps
from taizhang.notifications.models import Delivery, Notification
from tests.jobs import fake_rules
from tests.notifications.helpers import intent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_operator")]  # English output

MORNING = datetime(2024, 3, 5, 8, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(steps, "OVERDUE_STEPS", (fake_rules.mark_overdue,))
    monkeypatch.setattr(steps, "REMINDER_RULES", (fake_rules.reminders,))
    monkeypatch.setattr(fake_rules, "INTENTS", [])
    monkeypatch.setattr(fake_rules, "CALLS", [])
    return fake_rules


def tick(*args) -> str:
    out = StringIO()
    call_command("tick", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_two_ticks_send_each_reminder_once(people, smtp, robot, fake, time_machine):
    time_machine.move_to(MORNING, tick=False)
    fake.INTENTS = [
        intent(people.liaison, "order:7:unit:1:before:2024-03-08", subject="督办单3日后到期"),
        intent(
            people.office, "order:7:unit:1:overdue:office", kind="escalation", webhook=True, subject="逾期"
        ),
    ]
    first = tick()
    second = tick()
    assert "created 2, skipped as duplicates 0, sent 3, failed 0" in first
    assert "created 0, skipped as duplicates 2, sent 0, failed 0" in second
    assert Notification.objects.count() == 2
    assert sorted(m["To"] for m in smtp.messages) == ["liaison@example.test", "office@example.test"]
    (post,) = robot.posts
    assert post.body["text"]["content"].startswith("逾期")
    assert post.query["timestamp"] == str(int(MORNING.timestamp() * 1000))
    assert [("mark_overdue", date(2024, 3, 5)), ("reminders", date(2024, 3, 5))] * 2 == fake.CALLS


def test_a_robot_answering_500_is_retried_on_the_next_tick(people, robot, fake, settings, time_machine):
    settings.TAIZHANG_EMAIL_ENABLED = False
    time_machine.move_to(MORNING, tick=False)
    robot.statuses = [500]
    fake.INTENTS = [intent(people.office, "k-esc", kind="escalation", webhook=True)]
    assert "sent 0, failed 1" in tick()
    assert Delivery.objects.get(channel="webhook").state == "failed"
    assert "created 0, skipped as duplicates 1, sent 1, failed 0" in tick()
    assert Delivery.objects.get(channel="webhook").state == "sent" and len(robot.posts) == 1


def test_dry_run_stores_nothing_and_sends_nothing(people, smtp, fake, time_machine):
    time_machine.move_to(MORNING, tick=False)
    fake.INTENTS = [intent(people.liaison, "k1")]
    out = tick("--dry-run")
    assert "would create 1, skip 0 as duplicates, send 1" in out
    assert not Notification.objects.exists() and smtp.messages == []


def test_a_failing_rule_is_reported_the_others_still_run_and_the_exit_is_an_error(
    people, fake, monkeypatch, no_channels
):
    monkeypatch.setattr(steps, "REMINDER_RULES", (fake_rules.broken, fake_rules.reminders))
    fake.INTENTS = [intent(people.liaison, "k1")]
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("tick", stdout=StringIO(), stderr=err)
    assert "tests.jobs.fake_rules.broken: RuntimeError" in err.getvalue()
    assert Notification.objects.filter(dedup_key="k1").exists()


def test_the_real_steps_and_rules_run_on_an_empty_database(db, no_channels):
    """The real lists, imported directly: every step and rule runs without error on an empty database."""
    err = StringIO()
    call_command("tick", stdout=(out := StringIO()), stderr=err)
    assert "created 0" in out.getvalue() and err.getvalue() == ""
    assert steps.OVERDUE_STEPS and steps.REMINDER_RULES
