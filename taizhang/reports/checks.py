"""The rules the report services check before they write: who may take a step, whether the report is
open for editing, and whether it is too late to report.

Refusals: a wrong role raises ``PermissionDenied``; a wrong state or a missed deadline raises a
``Refusal`` with a ``ReportCode``.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.ledger.models import Assignment
from taizhang.ledger.rules import is_overdue
from taizhang.lib.i18n import said
from taizhang.lib.refusal import Refusal
from taizhang.plans.models import Plan
from taizhang.reports.codes import ReportCode
from taizhang.reports.models import EDITABLE_STATES, ProgressReport, ReviewState
from taizhang.reports.periods import Period, report_due_date

_ROLE_EN = {
    Role.LIAISON: "the unit's liaison",
    Role.UNIT_HEAD: "the unit's head",
    Role.OFFICE_ADMIN: "the office",
}


def require_role(actor: User, unit_id: int, role: Role, *, doing: str, doing_en: str) -> None:
    """PermissionDenied unless ``actor`` holds ``role`` over the unit (a region grant covers its units)."""
    if unit_id not in unit_ids_in_scope(actor, role):
        raise PermissionDenied(
            said(f"只有{role.label}可以{doing}。", f"Only {_ROLE_EN[role]} may {doing_en}.")
        )


def check_editable(report: ProgressReport) -> None:
    """A report is written while it is a draft or returned; from submission until a return it is locked."""
    if report.review_state not in EDITABLE_STATES:
        raise Refusal(
            ReportCode.LOCKED,
            f"该报送当前为“{report.get_review_state_display()}”，退回前不能修改。",
            "The report has been submitted and is locked until it is returned.",
        )


def check_reportable(assignment: Assignment) -> None:
    """Units report on published plans only: not on a draft, not on an archived one."""
    if assignment.task.plan.status != Plan.Status.PUBLISHED:
        raise Refusal(
            ReportCode.PLAN_CLOSED,
            "方案未发布或已归档，不能报送。",
            "The plan is not published, or is archived.",
        )
    if assignment.closed_at is not None:
        raise Refusal(
            ReportCode.PLAN_CLOSED,
            f"该台账行已关闭（{assignment.closed_reason}），不能再报送。",
            f"This ledger line is closed ({assignment.closed_reason}); no more reports on it.",
        )


def check_step(report: ProgressReport, *allowed_from: ReviewState, doing: str, doing_en: str) -> None:
    if report.review_state not in allowed_from:
        raise Refusal(
            ReportCode.WRONG_STATE,
            f"报送当前为“{report.get_review_state_display()}”，不能{doing}。",
            f"A report that is {ReviewState(report.review_state).name.lower()} cannot be {doing_en}.",
        )


def is_late(period: Period, today: date) -> bool:
    return today > report_due_date(period)


def late_refused(period: Period, today: date) -> bool:
    """Whether a report for ``period`` first sent on ``today`` is refused under the late policy
    (``TAIZHANG_LATE_REPORT_POLICY``: ``accept_marked`` takes it with the late mark, ``refuse`` does not)."""
    return is_late(period, today) and settings.TAIZHANG_LATE_REPORT_POLICY == "refuse"


def refuse_late(period: Period, today: date) -> None:
    if late_refused(period, today):
        due = report_due_date(period)
        raise Refusal(
            ReportCode.LATE_REFUSED,
            f"{period.label}的报送期限（{due:%Y-%m-%d}）已过，不再接受报送。",
            f"The deadline for {period.label} ({due:%Y-%m-%d}) has passed; late reports are refused.",
        )


def report_period(report: ProgressReport) -> Period:
    return Period(report.period_start, report.period_end, report.period_label)


def effective_status(assignment: Assignment, status: str, period: Period, today: date) -> str:
    """未按期完成 is computed, not only chosen: a line reported 未启动 or 推进中 while a milestone or its
    deadline had passed (by the period's end, or today if the period is still running) is stored as
    未按期完成. 已完成 and 长期坚持 stand as reported."""
    Status = ProgressReport.Status
    if status in (Status.NOT_STARTED, Status.IN_PROGRESS) and is_overdue(
        assignment, assignment.milestones.all(), today=min(today, period.end)
    ):
        return Status.OVERDUE
    return status
