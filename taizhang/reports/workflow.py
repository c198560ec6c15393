"""The review of a progress report (审核): the liaison submits, the unit head approves, the office accepts;
the unit head or the office returns it with a reason, and the liaison corrects and submits it again.

Every step is one versioned save of the report, one kept ``ReportStep``, one audit entry and the messages
to the next person (``reports.handovers``), in one transaction. Wrong role → ``PermissionDenied``; wrong
state, missing reason or missed deadline → ``Refusal``; a step taken from an outdated view → ``StaleEdit``.
A step into (or out of) 已通过 also refreshes the line's ``latest_accepted_status`` in that transaction
(``reports.latest``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.audit.workflow import step_move
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal
from taizhang.reports.checks import (
    check_reportable,
    check_step,
    effective_status,
    is_late,
    refuse_late,
    report_period,
    require_role,
)
from taizhang.reports.codes import ReportCode
from taizhang.reports.handovers import report_handover
from taizhang.reports.latest import latest_accepted_refresh
from taizhang.reports.models import ProgressReport, ReportStep, ReviewState

MAX_REASON = 2000


def _move(
    report: ProgressReport,
    *,
    actor: User,
    verb: str,
    to_state: ReviewState,
    expected_version: int,
    reason: str = "",
    **changes: Any,
) -> ProgressReport:
    with transaction.atomic():
        from_state = step_move(
            report,
            trail=ReportStep,
            state_field="review_state",
            to_state=to_state,
            actor=actor,
            action=f"report.{verb}",
            expected_version=expected_version,
            reason=reason,
            **changes,
        )
        if ReviewState.ACCEPTED in (from_state, to_state):  # the line's latest accepted report may change
            latest_accepted_refresh(lines=[report.assignment_id])
        report_handover(report, verb=verb, reason=reason)  # the next person is told, in this transaction
    return report


def report_submit(*, actor: User, report: ProgressReport, expected_version: int) -> ProgressReport:
    """报送: the unit's liaison sends a draft or returned report; it is locked from now on.

    Lateness is judged at the first submission: past the due date the report is marked late, or refused
    under ``TAIZHANG_LATE_REPORT_POLICY = "refuse"``. Sending a returned report again is never refused and
    keeps its mark: the return was the reviewer's request, not the unit's delay."""
    assignment = report.assignment
    require_role(actor, assignment.unit_id, Role.LIAISON, doing="报送", doing_en="submit reports")
    check_step(report, ReviewState.DRAFT, ReviewState.RETURNED, doing="报送", doing_en="submitted")
    check_reportable(assignment)
    if not report.narrative.strip():
        raise Refusal(ReportCode.EMPTY, "请先填写进展情况。", "Write the narrative before submitting.")
    period, today = report_period(report), timezone.localdate()
    changes: dict[str, Any] = {}
    if report.review_state == ReviewState.DRAFT:
        refuse_late(period, today)
        if is_late(period, today):
            changes["late"] = True
    status = effective_status(assignment, report.status, period, today)
    if status != report.status:
        changes["status"] = status
    return _move(
        report,
        actor=actor,
        verb="submit",
        to_state=ReviewState.SUBMITTED,
        expected_version=expected_version,
        **changes,
    )


def report_approve(*, actor: User, report: ProgressReport, expected_version: int) -> ProgressReport:
    """单位审核: the head of the report's unit approves a submitted report for the office."""
    require_role(actor, report.assignment.unit_id, Role.UNIT_HEAD, doing="审核本单位报送", doing_en="approve")
    check_step(report, ReviewState.SUBMITTED, doing="审核", doing_en="approved")
    return _move(
        report, actor=actor, verb="approve", to_state=ReviewState.APPROVED, expected_version=expected_version
    )


def report_accept(*, actor: User, report: ProgressReport, expected_version: int) -> ProgressReport:
    """通过: an office admin whose region covers the unit accepts an approved report."""
    require_role(actor, report.assignment.unit_id, Role.OFFICE_ADMIN, doing="通过报送", doing_en="accept")
    check_step(report, ReviewState.APPROVED, doing="通过", doing_en="accepted")
    return _move(
        report, actor=actor, verb="accept", to_state=ReviewState.ACCEPTED, expected_version=expected_version
    )


def return_reason(reason: str) -> str:
    """A return's reason, stripped; refused when empty or longer than ``MAX_REASON``."""
    reason = reason.strip()
    if not reason:
        raise Refusal(ReportCode.REASON_REQUIRED, "退回须说明理由。", "A return needs a reason.")
    if len(reason) > MAX_REASON:
        raise Refusal(ReportCode.REASON_TOO_LONG, f"理由不超过 {MAX_REASON} 字。", "The reason is too long.")
    return reason


# Who returns a report depends on where it waits: its unit head returns what was submitted, the office
# what the unit head approved.
_RETURNED_BY = {ReviewState.SUBMITTED: Role.UNIT_HEAD, ReviewState.APPROVED: Role.OFFICE_ADMIN}


def report_return(
    *, actor: User, report: ProgressReport, reason: str, expected_version: int
) -> ProgressReport:
    """退回: send a report back to the unit with a reason; the liaison may edit it again."""
    unit_id = report.assignment.unit_id
    role = _RETURNED_BY.get(ReviewState(report.review_state))
    if role is None:
        if unit_id not in unit_ids_in_scope(actor, *_RETURNED_BY.values()):
            raise PermissionDenied(
                said(
                    "只有单位负责人或惩防办可以退回报送。",
                    "Only the unit head or the office may return reports.",
                )
            )
        check_step(report, *_RETURNED_BY, doing="退回", doing_en="returned")
    require_role(actor, unit_id, role, doing="退回此报送", doing_en="return this report")
    return _move(
        report,
        actor=actor,
        verb="return",
        to_state=ReviewState.RETURNED,
        expected_version=expected_version,
        reason=return_reason(reason),
    )
