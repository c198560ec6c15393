"""报送提醒: before a report is due, each unit with a line that owes it and has not sent it is told — its
liaisons, once per unit, plan and period, however many lines and however many ticks."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from taizhang.notifications.models import Notification
from taizhang.reports.reminders import report_reminders
from taizhang.reports.workflow import report_submit
from tests.factories import make_assignment
from tests.reports.flow import Q2, save_draft


@pytest.fixture
def two_lines(clock, line, liaison, head):
    """Published on 5 April 2021: the lines owe Q2 (due 10 July) onwards."""
    second = make_assignment(task=line.task.plan.tasks.order_by("order").last(), unit=line.unit)
    return line, second


def test_reminder_sent_once_across_two_ticks(two_lines, liaison, head, clock, settings):
    settings.TAIZHANG_REPORT_REMINDER_DAYS_BEFORE = 5
    clock(date(2021, 7, 6))  # four days before Q2's due date
    for _ in range(2):
        call_command("tick", stdout=StringIO(), stderr=StringIO())
    told = Notification.objects.filter(dedup_key__startswith="reportdue:")
    assert [n.recipient for n in told] == [liaison]
    assert "2021年第二季度" in told[0].subject and "2 项任务" in told[0].body
    clock(date(2021, 7, 8))  # a later day in the window: still the same occasion
    call_command("tick", stdout=StringIO(), stderr=StringIO())
    assert Notification.objects.filter(dedup_key__startswith="reportdue:").count() == 1


@pytest.mark.parametrize(
    ("day", "told"),
    [("2021-07-04", False), ("2021-07-05", True), ("2021-07-10", True), ("2021-07-11", False)],
)
def test_the_window_is_the_days_before_the_due_date(two_lines, liaison, clock, settings, day, told):
    settings.TAIZHANG_REPORT_REMINDER_DAYS_BEFORE = 5
    clock(date.fromisoformat(day))
    assert bool(report_reminders(today=timezone.localdate())) is told


def test_a_unit_that_has_sent_every_line_is_not_reminded(two_lines, liaison, clock):
    clock(date(2021, 7, 6))
    for line in two_lines:
        report = save_draft(line, liaison, period=Q2)
        report_submit(actor=liaison, report=report, expected_version=report.version)
    assert report_reminders(today=date(2021, 7, 6)) == []


def test_minus_one_turns_reminders_off(two_lines, clock, settings):
    settings.TAIZHANG_REPORT_REMINDER_DAYS_BEFORE = -1
    assert report_reminders(today=date(2021, 7, 6)) == []


def test_a_line_that_began_after_the_period_does_not_owe_it(two_lines, liaison, clock):
    """A line added (re-imported plan) on 1 July, Beijing time, owes Q3 onwards; one added late on 30 June
    owes Q2: the days are the office's, not UTC's (00:30 on 1 July is still 30 June in UTC)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from taizhang.ledger.models import Assignment

    here = ZoneInfo("Asia/Shanghai")
    on_time, late = two_lines
    Assignment.objects.filter(pk=on_time.pk).update(created_at=datetime(2021, 6, 30, 23, 30, tzinfo=here))
    Assignment.objects.filter(pk=late.pk).update(created_at=datetime(2021, 7, 1, 0, 30, tzinfo=here))
    (intent,) = report_reminders(today=date(2021, 7, 6))
    assert intent.recipient == liaison and "尚有 1 项任务" in intent.body
    report = save_draft(on_time, liaison, period=Q2)  # a draft is not a report sent
    assert "尚有 1 项任务" in report_reminders(today=date(2021, 7, 6))[0].body
    report_submit(actor=liaison, report=report, expected_version=report.version)
    assert report_reminders(today=date(2021, 7, 6)) == []
