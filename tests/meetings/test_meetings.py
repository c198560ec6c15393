"""联系会议: the office records a meeting with its minutes, files and decisions; each decision becomes, once,
a 督办单 or a 检查发现问题 through their own services, and the order or finding shows where it came from.
A unit reads only the meetings it took part in."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse

from taizhang.audit.models import AuditEvent
from taizhang.inspections.models import Finding, Inspection
from taizhang.lib.refusal import Refusal
from taizhang.meetings.models import Meeting, MeetingDecision
from taizhang.meetings.selectors import meeting_file_get, meeting_get
from taizhang.meetings.services import decision_to_finding, decision_to_order, meeting_record
from taizhang.supervision.models import SupervisionOrder
from tests.inspections.world import TODAY, advance, pdf, plan

pytestmark = pytest.mark.django_db


def _meeting(city, **changes):
    values = {
        "region": city.region,
        "title": "第一季度督办检查部门联系会议",
        "held_on": TODAY,
        "place": "市纪委三楼会议室",
        "units": [city.a],
        "participants": "李书记、王主任",
        "minutes": "通报一季度检查情况。",
        "decisions": ["对市发改委公务接待问题下发督办单", "  ", "将财政局报销问题列为检查发现问题"],
        "files": [pdf("会议纪要.pdf")],
    }
    return meeting_record(actor=city.admin, **(values | changes))


def test_a_meeting_is_recorded_with_decisions_files_and_audit(city, media_root):
    meeting = _meeting(city)
    assert [d.text for d in meeting.decisions.order_by("pk")] == [
        "对市发改委公务接待问题下发督办单",
        "将财政局报销问题列为检查发现问题",
    ]
    assert list(meeting.evidence.values_list("original_name", flat=True)) == ["会议纪要.pdf"]
    assert AuditEvent.objects.filter(action="meeting.record", object_id=str(meeting.pk)).exists()


def test_bad_meetings_are_refused_and_nothing_is_written(city, media_root):
    with pytest.raises(Refusal) as future:
        _meeting(city, held_on=TODAY + timedelta(days=1))
    assert future.value.code == "future_date"
    with pytest.raises(Refusal) as outside:
        _meeting(city, units=[city.x])
    assert outside.value.code == "unit_out_of_scope"
    with pytest.raises(Refusal) as blank:
        _meeting(city, title=" ")
    assert blank.value.code == "title_required"
    with pytest.raises(PermissionDenied):
        meeting_record(actor=city.leader, region=city.region, title="会", held_on=TODAY)
    assert not Meeting.objects.exists() and not MeetingDecision.objects.exists()


def test_a_decision_becomes_an_order_once_and_the_order_shows_the_meeting(city, media_root):
    decision = _meeting(city).decisions.order_by("pk").first()
    order = decision_to_order(
        actor=city.admin, decision=decision, deadline=TODAY + timedelta(days=20), units=[city.a]
    )
    assert order.state == SupervisionOrder.State.DRAFT and order.requirement == decision.text
    assert order.meeting_decision == decision and "第一季度" in order.topic
    assert list(order.recipients.values_list("unit", flat=True)) == [city.a.pk]
    with pytest.raises(Refusal) as twice:
        decision_to_order(
            actor=city.admin, decision=decision, deadline=TODAY + timedelta(days=20), units=[city.a]
        )
    assert twice.value.code == "already_turned"
    client = Client()
    client.force_login(city.admin)
    page = client.get(reverse("order_detail", args=[order.pk])).content.decode()
    assert "源自联系会议决定事项" in page and reverse("meeting_detail", args=[decision.meeting_id]) in page


def test_the_orders_own_rules_refuse_and_the_decision_stays_open(city, media_root):
    decision = _meeting(city).decisions.first()
    with pytest.raises(Refusal) as past:
        decision_to_order(
            actor=city.admin, decision=decision, deadline=TODAY - timedelta(days=1), units=[city.a]
        )
    assert past.value.code == "deadline_past"  # supervision's rule, not a copy
    decision.refresh_from_db()
    assert decision.order_id is None and not SupervisionOrder.objects.exists()


def test_a_decision_becomes_a_finding_through_finding_record(city, media_root):
    decision = _meeting(city).decisions.order_by("pk").last()
    planned = plan(city)
    with pytest.raises(Refusal) as not_running:  # finding_record's rule: the inspection must be under way
        decision_to_finding(actor=city.admin, decision=decision, inspection=planned, unit=city.b)
    assert not_running.value.code == "wrong_state"
    running = advance(city, planned, Inspection.State.IN_PROGRESS)
    finding = decision_to_finding(
        actor=city.admin, decision=decision, inspection=running, unit=city.b, severity="serious"
    )
    assert (finding.unit, finding.description, finding.severity) == (city.b, decision.text, "serious")
    assert Finding.objects.get(pk=finding.pk).meeting_decision == decision
    with pytest.raises(Refusal):
        decision_to_order(actor=city.admin, decision=decision, deadline=TODAY, units=[city.a])
    client = Client()
    client.force_login(city.admin)
    page = client.get(reverse("inspection_detail", args=[running.pk])).content.decode()
    assert "源自联系会议决定事项" in page


def test_a_unit_reads_only_the_meetings_it_took_part_in(city, media_root):
    meeting = _meeting(city)
    file = meeting.evidence.get()
    assert meeting_get(user=city.liaison_a, pk=meeting.pk) == meeting
    assert meeting_file_get(user=city.head_a, pk=file.pk) == file
    for outsider in (city.liaison_b, city.admin_x):
        with pytest.raises(Http404):
            meeting_get(user=outsider, pk=meeting.pk)
        with pytest.raises(Http404):
            meeting_file_get(user=outsider, pk=file.pk)
    assert meeting_get(user=city.inspector, pk=meeting.pk) == meeting


def test_the_pages_record_a_meeting_and_turn_a_decision(city, media_root):
    client = Client()
    client.force_login(city.admin)
    body = {"region": city.region.pk, "title": "联系会议", "held_on": "2021-05-09", "decisions": "甲\n乙"}
    response = client.post(reverse("meeting_create"), body)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    first = meeting.decisions.order_by("pk").first()
    url = reverse("meeting_decision_order", args=[first.pk])
    form = {"o-deadline": "2021-06-30", "o-units": [city.a.pk], "o-priority": "normal"}
    assert client.post(url, form).status_code == 302
    assert MeetingDecision.objects.get(pk=first.pk).order is not None
    assert client.post(url, form).status_code == 422  # already turned: said on the meeting's page
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert "已转为督办单" in page
    client.force_login(city.leader)
    second = meeting.decisions.order_by("pk").last()
    assert client.post(reverse("meeting_decision_order", args=[second.pk]), form).status_code == 403
