"""Writes of 联系会议: the office records a meeting (minutes, participants, files, decisions); each decision
is turned, once, into a 督办单 (``supervision.services.order_create``) or a 检查发现问题
(``inspections.findings.finding_record``) — their rules are theirs, called here, not copied — and the
decision keeps the link. Each write is one transaction with its audit entry; a refused order or finding
leaves the decision as it was."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from taizhang.accounts.checks import require_office_admin_of
from taizhang.accounts.models import User
from taizhang.audit.services import audit_record, snapshot
from taizhang.files.checks import upload_check_all
from taizhang.files.services import attach
from taizhang.inspections.findings import finding_record
from taizhang.inspections.models import Finding, Inspection
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.meetings.codes import MeetingCode
from taizhang.meetings.models import Meeting, MeetingDecision, MeetingFile
from taizhang.supervision.models import SupervisionOrder
from taizhang.supervision.services import order_create
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids

MAX_TEXT = 20000
_FIELDS = ["region", "title", "held_on", "place", "participants", "minutes"]


def _decision_texts(decisions: Sequence[str]) -> list[str]:
    texts = [d for d in (str(d).strip() for d in decisions) if d]
    return [clean_text(t, zh="决定事项", en="A decision", limit=2000, field="decision") for t in texts]


def meeting_record(
    *,
    actor: User,
    region: Region,
    title: str,
    held_on: date,
    place: str = "",
    units: Sequence[Unit] = (),
    participants: str = "",
    minutes: str = "",
    decisions: Sequence[str] = (),
    files: Sequence[UploadedFile] = (),
) -> Meeting:
    """记录联系会议 of ``region``, held on ``held_on`` (not in the future), with the participating units (of
    the region or below), the names of the people present, the minutes, the files and the decisions (one
    text each). Every file is checked before anything is stored."""
    require_office_admin_of(actor, region.pk, doing="记录联系会议", doing_en="record meetings")
    title = clean_text(title, zh="会议名称", en="The title", limit=200, field="title")
    place = clean_text(place, zh="地点", en="The place", limit=200, field="place", required=False)
    participants = clean_text(
        participants, zh="参会人员", en="The participants", limit=2000, field="participants", required=False
    )
    minutes = clean_text(
        minutes, zh="会议纪要", en="The minutes", limit=MAX_TEXT, field="minutes", required=False
    )
    if held_on > timezone.localdate():
        raise Refusal(
            MeetingCode.FUTURE_DATE, "会议日期不能晚于今天。", "The meeting cannot be in the future."
        )
    units = list({u.pk: u for u in units}.values())
    below = region_subtree_ids({region.pk})
    if stray := [u.name for u in units if u.region_id not in below]:
        raise Refusal(
            MeetingCode.UNIT_OUT_OF_SCOPE,
            f"以下单位不在本地区：{'、'.join(stray)}。",
            f"Units outside the region: {', '.join(stray)}.",
            names=stray,
        )
    texts = _decision_texts(decisions)
    checked = upload_check_all(files)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            region=region,
            title=title,
            held_on=held_on,
            place=place,
            participants=participants,
            minutes=minutes,
            created_by=actor,
        )
        meeting.units.set(units)
        MeetingDecision.objects.bulk_create(MeetingDecision(meeting=meeting, text=t) for t in texts)
        after = snapshot(meeting, fields=_FIELDS) | {"units": sorted(u.pk for u in units), "decisions": texts}
        audit_record(actor=actor, action="meeting.record", obj=meeting, after=after)
        for upload in checked:
            attach(MeetingFile, upload=upload, actor=actor, meeting=meeting)
    return meeting


def _locked_open(decision: MeetingDecision) -> MeetingDecision:
    """The decision under its row lock, refused when it was already turned into an order or a finding."""
    locked = MeetingDecision.objects.select_for_update().get(pk=decision.pk)
    if locked.order_id or locked.finding_id:
        raise Refusal(
            MeetingCode.ALREADY_TURNED,
            "该决定事项已转为督办单或问题。",
            "The decision has already become an order or a finding.",
        )
    return locked


def decision_to_order(
    *,
    actor: User,
    decision: MeetingDecision,
    deadline: date,
    units: Sequence[Unit],
    priority: str = SupervisionOrder.Priority.NORMAL,
    title: str = "",
) -> SupervisionOrder:
    """转为督办单: a draft order of the meeting's region to ``units``, its requirement the decision's text and
    its topic the meeting, made by ``supervision.services.order_create`` (who may, deadline, units)."""
    meeting = decision.meeting
    require_office_admin_of(actor, meeting.region_id, doing="转办会议决定事项", doing_en="act on decisions")
    with transaction.atomic():
        decision = _locked_open(decision)
        order = order_create(
            actor=actor,
            title=(title.strip() or decision.text.splitlines()[0])[:200],
            requirement=decision.text,
            deadline=deadline,
            units=units,
            priority=priority,
            topic=f"联系会议决定事项：{meeting.title}"[:200],
            region=meeting.region,
        )
        decision.order = order
        decision.save(update_fields=["order"])
        audit_record(actor=actor, action="meeting.decision_to_order", obj=decision, after={"order": order.pk})
    return order


def decision_to_finding(
    *,
    actor: User,
    decision: MeetingDecision,
    inspection: Inspection,
    unit: Unit,
    severity: str = Finding.Severity.GENERAL,
) -> Finding:
    """转为问题: a finding of ``inspection`` at ``unit``, described by the decision's text, recorded by
    ``inspections.findings.finding_record`` (who may, the inspection's state, its units)."""
    meeting = decision.meeting
    require_office_admin_of(actor, meeting.region_id, doing="转办会议决定事项", doing_en="act on decisions")
    with transaction.atomic():
        decision = _locked_open(decision)
        finding = finding_record(
            actor=actor, inspection=inspection, unit=unit, description=decision.text, severity=severity
        )
        decision.finding = finding
        decision.save(update_fields=["finding"])
        audit_record(
            actor=actor, action="meeting.decision_to_finding", obj=decision, after={"finding": finding.pk}
        )
    return finding
