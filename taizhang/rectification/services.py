"""Writes that open a rectification item (整改事项) and report progress on it. The close-out steps (申请销号,
销号, 退回) are in ``rectification.workflow``.

Every service: keyword-only arguments, checks first, one transaction with its audit entry. Wrong role →
``PermissionDenied``; a rule broken → ``ValidationError`` / ``Refusal`` (in the reader's language).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from taizhang.accounts.checks import require_acting_for_unit, require_office_admin_over_unit
from taizhang.accounts.models import User
from taizhang.audit.services import audit_record, snapshot
from taizhang.audit.workflow import step_move
from taizhang.files.checks import upload_check_all
from taizhang.files.services import attach
from taizhang.inspections.checks import region_reach, regulation_applies, task_applies
from taizhang.inspections.models import Finding
from taizhang.inspections.selectors import is_revealed
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal, clean_text
from taizhang.plans.models import Task
from taizhang.rectification.checks import MAX_TEXT, check_state
from taizhang.rectification.codes import RectificationCode
from taizhang.rectification.models import (
    RectificationFile,
    RectificationItem,
    RectificationProgress,
    RectificationStep,
    RectState,
)
from taizhang.regulations.models import Regulation
from taizhang.units.models import Unit

_FIELDS = ["finding", "unit", "task", "regulation", "title", "measures", "deadline", "state"]
# The unit reports progress until it applies for close-out; it may report again after a refusal.
PROGRESS_STATES = (RectState.OPEN, RectState.IN_PROGRESS)


def _clean_item(title: str, measures: str, deadline: date) -> tuple[str, str]:
    title = title.strip()
    if not title or len(title) > 200:
        raise ValidationError(
            {"title": said("请填写整改事项（不超过200字）。", "A title of at most 200 characters.")}
        )
    if deadline < timezone.localdate():
        raise ValidationError(
            {"deadline": said("整改时限不能早于今天。", "The deadline cannot be in the past.")}
        )
    return title, clean_text(
        measures, zh="整改措施", en="The measures", limit=MAX_TEXT, field="measures", required=False
    )


def _create(actor: User, **fields) -> RectificationItem:
    with transaction.atomic():
        item = RectificationItem.objects.create(created_by=actor, **fields)
        audit_record(
            actor=actor, action="rectification.create", obj=item, after=snapshot(item, fields=_FIELDS)
        )
    return item


def rectification_from_finding(
    *, actor: User, finding: Finding, measures: str, deadline: date, title: str = ""
) -> RectificationItem:
    """交办整改: the office makes a finding its unit's rectification item, with the finding's task and
    regulation. One item a finding; a covert inspection's finding only once the inspection is published,
    since the item tells the unit of it. ``title`` defaults to the start of the finding's description."""
    require_office_admin_over_unit(actor, finding.unit_id, doing="交办整改", doing_en="assign rectification")
    inspection = finding.inspection
    if not is_revealed(inspection):
        raise Refusal(
            RectificationCode.NOT_PUBLISHED,
            "暗访尚未公开，不能交办整改。",
            "The covert inspection is not published yet.",
        )
    if finding.rectifications.exists():
        raise Refusal(
            RectificationCode.ALREADY_ASSIGNED, "该问题已交办整改。", "This finding already has an item."
        )
    title, measures = _clean_item(title or finding.description[:60], measures, deadline)
    return _create(
        actor,
        finding=finding,
        unit=finding.unit,
        task=finding.task,
        regulation=finding.regulation,
        title=title,
        measures=measures,
        deadline=deadline,
    )


def rectification_create(
    *,
    actor: User,
    unit: Unit,
    title: str,
    measures: str,
    deadline: date,
    task: Task | None = None,
    regulation: Regulation | None = None,
) -> RectificationItem:
    """An item not from an inspection (a complaint, a survey, the office's own review): about a task or a
    regulation of the unit's region, at least one of them."""
    require_office_admin_over_unit(actor, unit.pk, doing="交办整改", doing_en="assign rectification")
    if task is None and regulation is None:
        raise ValidationError(
            {"task": said("请选择整改针对的任务或制度。", "Name the task or the regulation.")}
        )
    reach = region_reach(unit.region)
    if task is not None and not task_applies(task, reach):
        raise ValidationError(
            {"task": said("任务须属于本地区已发布的方案。", "A task of the region's plans.")}
        )
    if regulation is not None and not regulation_applies(regulation, reach):
        raise ValidationError({"regulation": said("制度不适用于本地区。", "A regulation of another region.")})
    title, measures = _clean_item(title, measures, deadline)
    return _create(
        actor, unit=unit, task=task, regulation=regulation, title=title, measures=measures, deadline=deadline
    )


def rectification_progress_add(
    *, actor: User, item: RectificationItem, text: str, files: Sequence[UploadedFile] = ()
) -> RectificationProgress:
    """整改进展: the unit's liaison or head reports what it has done, with files. The first report starts the
    work (待整改 → 整改中). Not while the office verifies an application, nor once closed."""
    require_acting_for_unit(
        actor, item.unit_id, doing="填报整改进展", doing_en="report progress", unit_zh="整改单位的"
    )
    check_state(item, *PROGRESS_STATES, doing="填报进展", doing_en="reported on")
    text = clean_text(text, zh="整改进展", en="The progress", limit=MAX_TEXT, field="text", required=True)
    checked = upload_check_all(files)
    with transaction.atomic():
        locked = RectificationItem.objects.select_for_update().get(pk=item.pk)
        check_state(locked, *PROGRESS_STATES, doing="填报进展", doing_en="reported on")
        progress = RectificationProgress.objects.create(item=item, text=text, by=actor)
        audit_record(actor=actor, action="rectification.progress", obj=progress, after=snapshot(progress))
        for upload in checked:
            attach(RectificationFile, upload=upload, actor=actor, progress=progress)
        if locked.state == RectState.OPEN:
            step_move(
                item,
                trail=RectificationStep,
                to_state=RectState.IN_PROGRESS,
                actor=actor,
                action="rectification.start",
                expected_version=locked.version,
            )
    return progress
