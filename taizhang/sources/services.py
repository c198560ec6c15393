"""Writes of 问题线索来源: the office of a region registers a petition (``petition_register``), starts its
check (``petition_check``) and concludes it (``petition_conclude``); records an opinion poll
(``poll_record``); and turns either into a finding, a rectification item or an accountability case
(``source_to_finding`` / ``source_to_rectification`` / ``source_to_case``) — through the inspections',
rectification's and accountability's own services, which check and audit the target; the link is written
here in the same transaction with its own audit entry.

Keyword-only arguments, checks first, one transaction with its audit entry. The audit entries of a petition
name neither the petitioner nor the content (they are encrypted in the row; the log is not)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction
from django.utils import timezone

from taizhang.accountability.services import case_open
from taizhang.accounts.checks import require_office_admin_of
from taizhang.accounts.models import User
from taizhang.audit.services import audit_record
from taizhang.inspections.checks import region_reach, task_applies
from taizhang.inspections.findings import finding_record
from taizhang.inspections.models import Finding, Inspection
from taizhang.lib.concurrency import save_versioned
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.plans.models import Task
from taizhang.rectification.services import rectification_create
from taizhang.sources.codes import SourceCode
from taizhang.sources.models import OpinionPoll, Petition, Source
from taizhang.units.models import Region, Unit
from taizhang.units.selectors import region_subtree_ids

_DOING = {"doing": "登记问题线索", "doing_en": "record petitions and polls"}
State = Petition.State
OPEN_STATES = (State.REGISTERED, State.CHECKING)


def _check_about(region: Region, units: Sequence[Unit], task: Task | None) -> None:
    if not units:
        raise Refusal(SourceCode.NO_UNITS, "请选择涉及的单位。", "Choose the units concerned.")
    if any(u.region_id not in region_subtree_ids({region.pk}) for u in units):
        raise Refusal(SourceCode.WRONG_UNITS, "涉及单位须属于本地区。", "The units must be of the region.")
    if task is not None and not task_applies(task, region_reach(region)):
        raise Refusal(
            SourceCode.WRONG_TASK, "任务须属于本地区已发布的方案。", "A task of the region's plans."
        )


def _check_day(day: date) -> None:
    if day > timezone.localdate():
        raise Refusal(SourceCode.FUTURE, "日期不能晚于今天。", "The date cannot be in the future.")


def petition_register(
    *,
    actor: User,
    region: Region,
    channel: str,
    received_on: date,
    summary: str,
    content: str,
    units: Sequence[Unit],
    task: Task | None = None,
    anonymous: bool = False,
    petitioner_name: str = "",
    petitioner_contact: str = "",
) -> Petition:
    """登记: a petition received on ``received_on`` through ``channel``, about ``units`` (and a task)."""
    require_office_admin_of(actor, region.pk, **_DOING)
    if channel not in Petition.Channel.values:
        raise Refusal(SourceCode.BAD_CHANNEL, "请选择来信来访渠道。", "Choose the channel.")
    _check_day(received_on)
    summary = (summary or "").strip()
    if not summary or len(summary) > 200:
        raise Refusal(
            SourceCode.BAD_TITLE, "请填写事由（不超过200字）。", "A summary of at most 200 characters."
        )
    name, contact = (petitioner_name or "").strip(), (petitioner_contact or "").strip()
    if anonymous and (name or contact):
        raise Refusal(
            SourceCode.NAMED_ANONYMOUS,
            "匿名来信来访不填写姓名和联系方式。",
            "An anonymous petition names no one.",
        )
    if len(name) > 50 or len(contact) > 100:
        raise Refusal(SourceCode.BAD_TITLE, "姓名或联系方式过长。", "The name or contact is too long.")
    content = clean_text(content, field="content", zh="反映内容", en="The content")
    _check_about(region, units, task)
    with transaction.atomic():
        petition = Petition.objects.create(
            region=region,
            channel=channel,
            received_on=received_on,
            anonymous=anonymous,
            petitioner_name=name,
            petitioner_contact=contact,
            summary=summary,
            content=content,
            task=task,
            created_by=actor,
        )
        petition.units.set(units)
        after = {"channel": channel, "received_on": received_on, "anonymous": anonymous, "units": len(units)}
        audit_record(actor=actor, action="petition.register", obj=petition, after=after)
    return petition


def petition_check(*, actor: User, petition: Petition, expected_version: int) -> Petition:
    """核查: the office starts checking what the petition says."""
    require_office_admin_of(actor, petition.region_id, **_DOING)
    _check_state(petition, State.REGISTERED)
    with transaction.atomic():
        save_versioned(petition, expected_version=expected_version, state=State.CHECKING)
        audit_record(actor=actor, action="petition.check", obj=petition, after={"state": State.CHECKING})
    return petition


def petition_conclude(*, actor: User, petition: Petition, outcome: str, expected_version: int) -> Petition:
    """了结: closed with its outcome (查无实据, 已答复 …) without turning it into anything."""
    require_office_admin_of(actor, petition.region_id, **_DOING)
    _check_state(petition, *OPEN_STATES)
    outcome = clean_text(outcome, field="outcome", zh="办理结果", en="The outcome")
    with transaction.atomic():
        save_versioned(petition, expected_version=expected_version, state=State.CONCLUDED, outcome=outcome)
        audit_record(actor=actor, action="petition.conclude", obj=petition, after={"state": State.CONCLUDED})
    return petition


def _check_state(petition: Petition, *allowed: str) -> None:
    if petition.state not in allowed:
        raise Refusal(
            SourceCode.WRONG_STATE,
            f"该来信来访当前为“{petition.get_state_display()}”，不能办理。",
            f"A petition that is {petition.state} cannot be handled.",
        )


def poll_record(
    *,
    actor: User,
    region: Region,
    title: str,
    conducted_on: date,
    method: str,
    sample_size: int,
    findings_text: str,
    units: Sequence[Unit],
    task: Task | None = None,
) -> OpinionPoll:
    """记录民意调查: a poll about ``units`` (and a task), with what it found."""
    require_office_admin_of(actor, region.pk, **_DOING)
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise Refusal(
            SourceCode.BAD_TITLE, "请填写调查名称（不超过200字）。", "A title of at most 200 characters."
        )
    if method not in OpinionPoll.Method.values:
        raise Refusal(SourceCode.BAD_METHOD, "请选择调查方式。", "Choose the method.")
    if not 1 <= sample_size <= 10_000_000:
        raise Refusal(SourceCode.BAD_SAMPLE, "样本量须为正整数。", "The sample size is a positive number.")
    _check_day(conducted_on)
    findings_text = clean_text(findings_text, field="findings_text", zh="调查结果", en="The findings")
    _check_about(region, units, task)
    with transaction.atomic():
        poll = OpinionPoll.objects.create(
            region=region,
            title=title,
            conducted_on=conducted_on,
            method=method,
            sample_size=sample_size,
            findings_text=findings_text,
            task=task,
            created_by=actor,
        )
        poll.units.set(units)
        after = {
            "title": title,
            "conducted_on": conducted_on,
            "sample_size": sample_size,
            "units": len(units),
        }
        audit_record(actor=actor, action="poll.record", obj=poll, after=after)
    return poll


# ---- 转化: into a finding, a rectification item, the grounds of a case ----


def _before_convert(actor: User, source: Source, unit: Unit) -> None:
    require_office_admin_of(actor, source.region_id, **_DOING)
    if source.target is not None:
        raise Refusal(
            SourceCode.ALREADY_CONVERTED, "该线索已转化。", "This has already been turned into something."
        )
    if isinstance(source, Petition):
        _check_state(source, *OPEN_STATES)
    if not source.units.filter(pk=unit.pk).exists():
        raise Refusal(
            SourceCode.UNIT_NOT_NAMED, "请选择该线索涉及的单位。", "Choose one of the units it is about."
        )


def _link(actor: User, source: Source, **target) -> None:
    """Keep the target on the source (a petition becomes 已转化), with the audit entry."""
    ((name, obj),) = target.items()
    changes = {name: obj}
    if isinstance(source, Petition):
        changes["state"] = State.CONVERTED
    save_versioned(source, expected_version=source.version, **changes)
    kind = "petition" if isinstance(source, Petition) else "poll"
    audit_record(actor=actor, action=f"{kind}.convert", obj=source, after={name: obj.pk})


def source_to_finding(
    *,
    actor: User,
    source: Source,
    inspection: Inspection,
    unit: Unit,
    description: str,
    severity: str = Finding.Severity.GENERAL,
) -> Finding:
    """转为检查问题: a finding of ``inspection`` (in progress or done, covering ``unit``) at one of the
    source's units, with its task; ``inspections.findings.finding_record`` checks and audits it."""
    _before_convert(actor, source, unit)
    with transaction.atomic():
        finding = finding_record(
            actor=actor,
            inspection=inspection,
            unit=unit,
            description=description,
            severity=severity,
            task=source.task,
        )
        _link(actor, source, finding=finding)
    return finding


def source_to_rectification(
    *, actor: User, source: Source, unit: Unit, title: str, measures: str, deadline: date
):
    """转为整改事项: an item for one of the source's units about its task
    (``rectification.services.rectification_create``, which needs the task)."""
    _before_convert(actor, source, unit)
    with transaction.atomic():
        item = rectification_create(
            actor=actor, unit=unit, title=title, measures=measures, deadline=deadline, task=source.task
        )
        _link(actor, source, rectification=item)
    return item


def source_to_case(*, actor: User, source: Source, unit: Unit, title: str, opened_on: date):
    """转为问责依据: a case against one of the source's units, opened with the source as its grounds in words
    (the case's 投诉举报 or 民意调查, encrypted there too) — never the petitioner's name or contact
    (``accountability.services.case_open``)."""
    _before_convert(actor, source, unit)
    if isinstance(source, Petition):
        grounds = {
            "complaints": f"{source.get_channel_display()} {source.received_on:%Y-%m-%d}：{source.content}"[
                :4900
            ]
        }
    else:
        grounds = {
            "surveys": f"{source.title}（{source.conducted_on:%Y-%m-%d}）：{source.findings_text}"[:4900]
        }
    with transaction.atomic():
        case = case_open(actor=actor, unit=unit, title=title, opened_on=opened_on, **grounds)
        _link(actor, source, case=case)
    return case
