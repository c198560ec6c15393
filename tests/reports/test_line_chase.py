"""催办 by hand: the office chases a line's unit; the chase is kept, audited, told once to the unit's
liaisons and heads (naming the overdue periods) and counted on the line's page; once a line and day."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.notifications.models import Notification
from taizhang.reports.chase import line_chase
from taizhang.reports.models import Chase


@pytest.fixture
def chased_world(clock, line, liaison, head, office):
    clock(date(2021, 7, 20))  # Q2 2021 (due 10 July) owed and not sent: 逾期未报
    return line


def test_office_chase_is_kept_audited_and_told_once_to_the_unit(chased_world, liaison, head, office):
    chase = line_chase(actor=office, assignment=chased_world, note="请本周报送")
    assert Chase.objects.filter(assignment=chased_world).count() == 1
    assert "2021年第二季度" in chase.overdue
    event = AuditEvent.objects.get(action="report.chase")
    assert (event.actor, event.object_id) == (office, str(chase.pk))
    told = Notification.objects.filter(dedup_key__startswith=f"handover:chase:{chase.pk}:")
    assert sorted(n.recipient_id for n in told) == sorted([liaison.pk, head.pk])
    assert all("逾期未报：" in n.body and "请本周报送" in n.body for n in told)
    assert not Notification.objects.filter(recipient=office).exists()


def test_a_second_chase_the_same_day_is_refused_and_the_next_day_counts(chased_world, office, clock):
    line_chase(actor=office, assignment=chased_world)
    with pytest.raises(Refusal) as refused:
        line_chase(actor=office, assignment=chased_world)
    assert refused.value.code == "chased_today"
    assert Notification.objects.count() == 2  # liaison and head, once
    clock(date(2021, 7, 21))
    line_chase(actor=office, assignment=chased_world)
    assert Chase.objects.filter(assignment=chased_world).count() == 2


def test_only_the_office_chases(chased_world, liaison, head):
    for person in (liaison, head):
        with pytest.raises(PermissionDenied):
            line_chase(actor=person, assignment=chased_world)
    assert not Chase.objects.exists()


def test_the_button_chases_and_the_line_page_shows_the_count(chased_world, office, liaison, client):
    client.force_login(office)
    answer = client.post(reverse("line_chase", args=[chased_world.pk]), {"note": "尽快"})
    assert answer.status_code == 302
    page = client.get(reverse("report_periods", args=[chased_world.pk])).content.decode()
    assert "催办记录" in page and "1 次" in page and "尽快" in page
    task_page = client.get(reverse("task_detail", args=[chased_world.task_id])).content.decode()
    assert f"{reverse('report_periods', args=[chased_world.pk])}#chases" in task_page and "1 次" in task_page
    client.force_login(liaison)  # the unit sees it was chased, without the button
    page = client.get(reverse("report_periods", args=[chased_world.pk])).content.decode()
    assert "1 次" in page and reverse("line_chase", args=[chased_world.pk]) not in page
