"""Input and output schemas, one per operation. Choice fields are inlined as enums of the stored slugs
(the labels are Chinese and for people; the API speaks in the slugs)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from ninja import Field, Schema

from taizhang.ledger.models import Assignment
from taizhang.lib.ids import MAX_ID
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.reports.services import MAX_NARRATIVE
from taizhang.reports.workflow import MAX_REASON

PlanLevel = Literal[tuple(Plan.Level.values)]
PlanStatus = Literal[tuple(Plan.Status.values)]
Cadence = Literal[tuple(Plan.Cadence.values)]
AssignmentRole = Literal[tuple(Assignment.Role.values)]
ReportStatus = Literal[tuple(ProgressReport.Status.values)]
ReviewStateSlug = Literal[tuple(ReviewState.values)]

MAX_PAGE = 200
# Past this an offset would only ever answer an empty page; bounded so OFFSET + LIMIT fits a BIGINT.
MAX_OFFSET = 10**9


class PageQuery(Schema):
    limit: int = Field(50, ge=1, le=MAX_PAGE, description="每页条数 / page size")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="跳过条数 / rows to skip")


class AssignmentFilters(PageQuery):
    plan: int | None = Field(None, ge=1, le=MAX_ID, description="方案 id / plan id")
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="单位 id / unit id")
    role: AssignmentRole | None = Field(None, description="职责 / the unit's part in the task")


class ReportFilters(PageQuery):
    assignment: int | None = Field(None, ge=1, le=MAX_ID, description="责任分工 id / assignment id")
    plan: int | None = Field(None, ge=1, le=MAX_ID, description="方案 id / plan id")
    review_state: ReviewStateSlug | None = None


# ---- plans ----


class PlanOut(Schema):
    id: int
    title: str
    doc_number: str
    issuer: str
    level: PlanLevel
    region_id: int | None
    region_name: str | None = Field(None, alias="region.name")
    period_start: int
    period_end: int
    status: PlanStatus
    report_cadence: Cadence
    version: int
    published_at: datetime | None
    updated_at: datetime


class PlanPage(Schema):
    items: list[PlanOut]
    total: int
    limit: int
    offset: int


# ---- assignments and tasks ----


class AssignmentOut(Schema):
    id: int
    plan_id: int = Field(..., alias="task.plan_id")
    task_id: int
    task_key: str = Field(..., alias="task.key")
    task_text: str = Field(..., alias="task.text")
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    role: AssignmentRole
    from_wildcard: str
    responsible_leader: str
    responsible_persons: list[str]
    duty_requirements: str
    work_standard: str
    deadline: date | None
    version: int
    updated_at: datetime


class AssignmentPage(Schema):
    items: list[AssignmentOut]
    total: int
    limit: int
    offset: int


class TaskAssignmentOut(Schema):
    """A ledger line as listed under its task (the task is the parent, so it is not repeated)."""

    id: int
    unit_id: int
    unit_name: str = Field(..., alias="unit.name")
    role: AssignmentRole
    responsible_leader: str
    responsible_persons: list[str]
    deadline: date | None
    version: int


class TaskOut(Schema):
    id: int
    key: str
    number: str
    order: int
    section_id: int | None
    text: str
    deadline_text: str
    deadline_date: date | None
    assignments: list[TaskAssignmentOut]

    @staticmethod
    def resolve_assignments(task) -> list:
        return task.visible_assignments  # set by plans.selectors.plan_task_list


class TaskPage(Schema):
    items: list[TaskOut]
    total: int
    limit: int
    offset: int


# ---- reports ----


class ReportOut(Schema):
    id: int
    assignment_id: int
    unit_id: int = Field(..., alias="assignment.unit_id")
    period_start: date
    period_end: date
    period_label: str
    status: ReportStatus
    narrative: str
    review_state: ReviewStateSlug
    late: bool
    evidence_count: int
    version: int
    created_at: datetime
    updated_at: datetime


class ReportPage(Schema):
    items: list[ReportOut]
    total: int
    limit: int
    offset: int


class ReportStepOut(Schema):
    from_state: ReviewStateSlug
    to_state: ReviewStateSlug
    actor_name: str
    at: datetime
    reason: str

    @staticmethod
    def resolve_actor_name(step) -> str:
        return str(step.actor)


class ReportDetailOut(ReportOut):
    steps: list[ReportStepOut]

    @staticmethod
    def resolve_steps(report) -> list:
        return list(report.steps.all())


class ReportDraftIn(Schema):
    """Save the unit's report for one period; ``submit`` sends it for review in the same request."""

    period_start: date = Field(
        ..., description="报送周期的第一天 / first day of one of the plan's reporting periods"
    )
    status: ReportStatus
    narrative: str = Field("", max_length=MAX_NARRATIVE)
    expected_version: int | None = Field(
        None, ge=1, description="更新已有报送时必填 / required when the period's report exists"
    )
    submit: bool = False


class TransitionIn(Schema):
    expected_version: int = Field(..., ge=1, description="读取时的版本号 / the version you read")


class ReturnIn(TransitionIn):
    reason: str = Field(..., min_length=1, max_length=MAX_REASON, description="退回理由 / why it goes back")
