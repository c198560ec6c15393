"""The rules the report services check before they write: who may take a step, whether the report is
open for editing, and whether it is too late to report.

Refusals: a wrong role raises ``PermissionDenied``; a wrong state or a missed deadline raises
``WorkflowError``, a ``ValidationError`` carrying the message in Chinese and English and a short code.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.accounts.models import Role, User
from taizhang.accounts.selectors import unit_ids_in_scope
from taizhang.ledger.models import Assignment
from taizhang.ledger.rules import is_overdue
from taizhang.plans.models import Plan
from taizhang.reports.models import EDITABLE_STATES, ProgressReport, ReviewState
from taizhang.reports.periods import Period, report_due_date

_ROLE_EN = {
    Role.LIAISON: "the unit's liaison",
    Role.UNIT_HEAD: "the unit's head",
    Role.OFFICE_ADMIN: "the office",
}


class WorkflowError(ValidationError):
    """A report step that the report's state or its deadline does not allow."""

    def __init__(self, zh: str, en: str, *, code: str):
        super().__init__(f"{zh} / {en}", code=code)
        self.zh = zh
        self.en = en

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}"

    def __reduce__(self):  # copy and pickle rebuild it through __init__, whose arguments differ from .args
        return (partial(WorkflowError, code=self.code), (self.zh, self.en))


TEXT_LIMIT = 5000  # characters of a note, reason or answer unless a service says otherwise


def clean_text(
    text: str, *, zh: str, en: str, limit: int = TEXT_LIMIT, field: str = "", required: bool = True
) -> str:
    """A service's free text, stripped; WorkflowError when it is required and blank or longer than ``limit``
    (codes ``<field>_required`` / ``<field>_too_long``, or bare without a field). ``en`` starts a sentence."""
    text = (text or "").strip()
    prefix = f"{field}_" if field else ""
    if required and not text:
        raise WorkflowError(f"请填写{zh}。", f"{en} is required.", code=f"{prefix}required")
    if len(text) > limit:
        raise WorkflowError(f"{zh}不超过 {limit} 字。", f"{en} is too long.", code=f"{prefix}too_long")
    return text


def require_role(actor: User, unit_id: int, role: Role, *, doing: str, doing_en: str) -> None:
    """PermissionDenied unless ``actor`` holds ``role`` over the unit (a region grant covers its units)."""
    if unit_id not in unit_ids_in_scope(actor, role):
        raise PermissionDenied(f"只有{role.label}可以{doing}。 / Only {_ROLE_EN[role]} may {doing_en}.")


def check_editable(report: ProgressReport) -> None:
    """A report is written while it is a draft or returned; from submission until a return it is locked."""
    if report.review_state not in EDITABLE_STATES:
        raise WorkflowError(
            f"该报送当前为“{report.get_review_state_display()}”，退回前不能修改。",
            "The report has been submitted and is locked until it is returned.",
            code="locked",
        )


def check_reportable(assignment: Assignment) -> None:
    """Units report on published plans only: not on a draft, not on an archived one."""
    if assignment.task.plan.status != Plan.Status.PUBLISHED:
        raise WorkflowError(
            "方案未发布或已归档，不能报送。", "The plan is not published, or is archived.", code="plan_closed"
        )


def check_step(report: ProgressReport, *allowed_from: ReviewState, doing: str, doing_en: str) -> None:
    if report.review_state not in allowed_from:
        raise WorkflowError(
            f"报送当前为“{report.get_review_state_display()}”，不能{doing}。",
            f"A report that is {ReviewState(report.review_state).name.lower()} cannot be {doing_en}.",
            code="wrong_state",
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
        raise WorkflowError(
            f"{period.label}的报送期限（{due:%Y-%m-%d}）已过，不再接受报送。",
            f"The deadline for {period.label} ({due:%Y-%m-%d}) has passed; late reports are refused.",
            code="late_refused",
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
