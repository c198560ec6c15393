"""Writes for progress reports while the unit writes them: the draft, "save and submit", and the evidence
files. The review steps (submit, approve, accept, return) are in ``reports.workflow``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from taizhang.accounts.models import Role, User
from taizhang.audit.services import audit_record, snapshot
from taizhang.files.checks import upload_check
from taizhang.files.services import attach
from taizhang.ledger.models import Assignment
from taizhang.lib.concurrency import StaleEdit, save_versioned
from taizhang.lib.refusal import Refusal
from taizhang.reports.checks import (
    check_editable,
    check_reportable,
    effective_status,
    refuse_late,
    require_role,
)
from taizhang.reports.codes import ReportCode
from taizhang.reports.models import ProgressReport, ReportFile, ReviewState
from taizhang.reports.periods import Period, is_plan_period
from taizhang.reports.workflow import report_submit

MAX_NARRATIVE = 10_000
_DRAFT_FIELDS = ["assignment", "period_start", "period_end", "period_label", "status", "narrative"]


def report_save_draft(
    *,
    actor: User,
    assignment: Assignment,
    period: Period,
    status: str,
    narrative: str,
    expected_version: int | None = None,
) -> ProgressReport:
    """Create the line's report for ``period``, or save the draft or returned report already there
    (then ``expected_version`` is required; without it a report someone else created meanwhile is a
    stale edit). The unit's liaison writes it; a submitted report is locked until it is returned."""
    require_role(actor, assignment.unit_id, Role.LIAISON, doing="填写进展报送", doing_en="write reports")
    check_reportable(assignment)
    today = timezone.localdate()
    if not is_plan_period(assignment.task.plan, period):
        raise Refusal(ReportCode.BAD_PERIOD, "报送周期与方案不符。", "Not a reporting period of this plan.")
    if period.start > today:
        raise Refusal(ReportCode.FUTURE_PERIOD, "报送周期尚未开始。", "The reporting period has not begun.")
    if status not in ProgressReport.Status.values:
        raise ValidationError({"status": "进展状态无效。"})
    narrative = narrative.strip()
    if len(narrative) > MAX_NARRATIVE:
        raise ValidationError({"narrative": f"进展情况不超过 {MAX_NARRATIVE} 字。"})
    status = effective_status(assignment, status, period, today)
    with transaction.atomic():
        report = ProgressReport.objects.filter(assignment=assignment, period_start=period.start).first()
        if report is None:
            refuse_late(period, today)  # a report the policy will not take is not begun
            return _create(actor, assignment, period, status, narrative)
        check_editable(report)
        if report.review_state == ReviewState.DRAFT:  # never submitted yet
            refuse_late(period, today)
        changes = {"status": status, "narrative": narrative}
        before = {name: getattr(report, name) for name in changes}
        save_versioned(report, expected_version=expected_version or 0, **changes)  # versions start at 1
        audit_record(
            actor=actor,
            action="report.update",
            obj=report,
            before={k: v for k, v in before.items() if v != changes[k]},
            after={k: v for k, v in changes.items() if v != before[k]},
        )
    return report


def report_save(
    *,
    actor: User,
    assignment: Assignment,
    period: Period,
    status: str,
    narrative: str,
    expected_version: int | None = None,
    submit: bool = False,
) -> tuple[ProgressReport, bool]:
    """填报进展: ``report_save_draft``, then with ``submit`` ``reports.workflow.report_submit`` of what was
    just saved — one transaction, so a refused submission leaves no half-saved draft. Returns the report
    and whether this call created it (as ``get_or_create`` does). The page and the API both save this way."""
    with transaction.atomic():
        report = report_save_draft(
            actor=actor,
            assignment=assignment,
            period=period,
            status=status,
            narrative=narrative,
            expected_version=expected_version,
        )
        # Every save through a service bumps the version, so version 1 means this call created the row.
        created = report.version == 1
        if submit:
            report = report_submit(actor=actor, report=report, expected_version=report.version)
    return report, created


def _create(
    actor: User, assignment: Assignment, period: Period, status: str, narrative: str
) -> ProgressReport:
    report = ProgressReport(
        assignment=assignment,
        period_start=period.start,
        period_end=period.end,
        period_label=period.label,
        status=status,
        narrative=narrative,
    )
    try:
        with transaction.atomic():
            report.save(force_insert=True)
    except IntegrityError:  # created by someone else between our look and our insert
        raise StaleEdit(report, 0) from None
    audit_record(
        actor=actor, action="report.create", obj=report, after=snapshot(report, fields=_DRAFT_FIELDS)
    )
    return report


def evidence_add(*, report: ProgressReport, upload: UploadedFile, actor: User) -> ReportFile:
    """Attach a file to a report the unit is still writing (draft, or returned for correction).
    Type and size: ``files.checks.upload_check``."""
    require_role(
        actor, report.assignment.unit_id, Role.LIAISON, doing="上传佐证材料", doing_en="add evidence"
    )
    check_editable(report)
    checked = upload_check(upload)
    with transaction.atomic():
        # Check again under the row lock: the report may have been submitted since.
        check_editable(ProgressReport.objects.select_for_update().only("review_state").get(pk=report.pk))
        return attach(ReportFile, upload=checked, actor=actor, report=report)


def evidence_remove(*, evidence: ReportFile, actor: User) -> None:
    """Take a file off a report the unit is still writing (draft, or returned for correction), with its
    ``evidence.remove`` audit entry (name, size, SHA-256 of what was removed). Once submitted the files are
    locked with the report. The stored content stays: other attachments may share it, and the files
    inventory finds what nothing names any more."""
    report = evidence.report
    require_role(
        actor, report.assignment.unit_id, Role.LIAISON, doing="删除佐证材料", doing_en="remove evidence"
    )
    with transaction.atomic():
        check_editable(ProgressReport.objects.select_for_update().only("review_state").get(pk=report.pk))
        before = snapshot(evidence)
        audit_record(actor=actor, action="evidence.remove", obj=evidence, before=before)
        evidence.delete()


def evidence_add_first(
    *, actor: User, assignment: Assignment, period: Period, uploads: list[UploadedFile]
) -> tuple[ProgressReport, list[ReportFile]]:
    """Files before the first save: the period's draft is created (推进中, no text yet) and the files
    attached to it, in one transaction — a refused file leaves no draft behind. If the draft exists by now
    (another tab saved it) the files go to it."""
    with transaction.atomic():
        report = ProgressReport.objects.filter(assignment=assignment, period_start=period.start).first()
        if report is None:
            report = report_save_draft(
                actor=actor,
                assignment=assignment,
                period=period,
                status=ProgressReport.Status.IN_PROGRESS,
                narrative="",
            )
        files = [evidence_add(report=report, upload=upload, actor=actor) for upload in uploads]
    return report, files
