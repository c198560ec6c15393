"""检查发现问题: the office records what an inspection found at one of the units it inspected, with the task
and regulation concerned and its evidence files — all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from taizhang.accounts.checks import require_office_admin_of
from taizhang.accounts.models import User
from taizhang.audit.services import audit_record, snapshot
from taizhang.files.checks import upload_check_all
from taizhang.files.services import attach
from taizhang.inspections.checks import region_reach, regulation_applies, task_applies
from taizhang.inspections.codes import InspectionCode
from taizhang.inspections.models import Finding, FindingFile, Inspection
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal
from taizhang.plans.models import Task
from taizhang.regulations.models import Regulation
from taizhang.units.models import Unit

MAX_DESCRIPTION = 5000
# Findings are written while the inspection runs and while it is written up; once published it is closed.
RECORDING_STATES = (Inspection.State.IN_PROGRESS, Inspection.State.DONE)


def _check_recording(inspection: Inspection) -> None:
    if inspection.state not in RECORDING_STATES:
        raise Refusal(
            InspectionCode.WRONG_STATE,
            f"检查当前为“{inspection.get_state_display()}”，不能记录问题。",
            "Findings are recorded while an inspection is in progress or done, before it is published.",
        )


def finding_record(
    *,
    actor: User,
    inspection: Inspection,
    unit: Unit,
    description: str,
    severity: str = Finding.Severity.GENERAL,
    task: Task | None = None,
    regulation: Regulation | None = None,
    found_on: date | None = None,
    files: Sequence[UploadedFile] = (),
) -> Finding:
    """记录问题 at ``unit``, which must be one of the inspection's units. ``found_on`` defaults to today and
    lies between the inspection's start and today. Every file is checked before anything is stored."""
    require_office_admin_of(
        actor, inspection.region_id, doing="记录检查发现的问题", doing_en="record findings"
    )
    _check_recording(inspection)
    if not inspection.units.filter(pk=unit.pk).exists():
        raise ValidationError(
            {"unit": said("该单位不在本次检查范围内。", "The unit is not in this inspection.")}
        )
    description = description.strip()
    if not description or len(description) > MAX_DESCRIPTION:
        raise ValidationError(
            {"description": said(f"请填写问题描述（不超过{MAX_DESCRIPTION}字）。", "Describe the problem.")}
        )
    if severity not in Finding.Severity.values:
        raise ValidationError({"severity": said("严重程度无效。", "Unknown severity.")})
    today = timezone.localdate()
    found_on = found_on or today
    if not inspection.start_date <= found_on <= today:
        raise ValidationError(
            {"found_on": said("发现日期须在检查开始之后、今天之前。", "Found between the start and today.")}
        )
    reach = region_reach(inspection.region)
    if task is not None and not task_applies(task, reach):
        raise ValidationError(
            {"task": said("任务须属于本地区已发布的方案。", "A task of the region's plans.")}
        )
    if regulation is not None and not regulation_applies(regulation, reach):
        raise ValidationError({"regulation": said("制度不适用于本地区。", "A regulation of another region.")})
    checked = upload_check_all(files)
    with transaction.atomic():
        # Again under the row lock: the inspection may have been published while the files came in.
        _check_recording(Inspection.objects.select_for_update().only("state").get(pk=inspection.pk))
        finding = Finding.objects.create(
            inspection=inspection,
            unit=unit,
            task=task,
            regulation=regulation,
            severity=severity,
            description=description,
            found_on=found_on,
            created_by=actor,
        )
        audit_record(actor=actor, action="finding.record", obj=finding, after=snapshot(finding))
        for upload in checked:
            attach(FindingFile, upload=upload, actor=actor, finding=finding)
    return finding
