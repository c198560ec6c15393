"""``/reports``: progress reports (进展情况) and their review (审核). Every write calls the report services;
the selectors decide what is in scope (404), the services who may take a step (403)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Status

from taizhang.api.errors import COMMON_ERRORS, WRITE_ERRORS, ApiError
from taizhang.api.pagination import page
from taizhang.api.schemas import (
    ReportDetailOut,
    ReportDraftIn,
    ReportFilters,
    ReportPage,
    ReturnIn,
    TransitionIn,
)
from taizhang.ledger.selectors import assignment_get
from taizhang.reports import workflow
from taizhang.reports.codes import ReportCode
from taizhang.reports.periods import period_for
from taizhang.reports.selectors import report_get, report_list
from taizhang.reports.services import report_save

router = Router(tags=["reports 进展报送"])


@router.get("/reports", response={200: ReportPage, **COMMON_ERRORS})
def list_reports(request: HttpRequest, filters: Query[ReportFilters]):
    """进展报送列表 / Reports in the caller's scope, newest period first."""
    reports = report_list(
        user=request.auth,
        assignment_id=filters.assignment,
        plan_id=filters.plan,
        review_state=filters.review_state,
    )
    return page(reports, filters)


@router.get("/reports/{report_id}", response={200: ReportDetailOut, **COMMON_ERRORS})
def get_report(request: HttpRequest, report_id: int):
    """进展报送 / One report with its review steps; 404 when it is out of scope."""
    return report_get(user=request.auth, pk=report_id)


@router.post(
    "/assignments/{assignment_id}/reports",
    response={200: ReportDetailOut, 201: ReportDetailOut, **WRITE_ERRORS},
)
def save_report(request: HttpRequest, assignment_id: int, data: ReportDraftIn):
    """填报进展 / Save the line's report for a period (201 when new, 200 when an existing draft or returned
    report was updated), and submit it when ``submit`` is true. Both steps commit together or not at all."""
    assignment = assignment_get(user=request.auth, pk=assignment_id)
    period = period_for(data.period_start, assignment.task.plan.report_cadence)
    if period.start != data.period_start:
        raise ApiError(
            422,
            ReportCode.BAD_PERIOD,
            f"period_start 应为报送周期的第一天，如 {period.start:%Y-%m-%d} / "
            f"period_start must be the first day of a reporting period, e.g. {period.start:%Y-%m-%d}",
        )
    report, created = report_save(
        actor=request.auth,
        assignment=assignment,
        period=period,
        status=data.status,
        narrative=data.narrative,
        expected_version=data.expected_version,
        submit=data.submit,
    )
    return Status(201 if created else 200, report_get(user=request.auth, pk=report.pk))


@router.post("/reports/{report_id}/submit", response={200: ReportDetailOut, **WRITE_ERRORS})
def submit_report(request: HttpRequest, report_id: int, data: TransitionIn):
    """报送 / The unit's liaison sends a draft or returned report for review."""
    report = report_get(user=request.auth, pk=report_id)
    workflow.report_submit(actor=request.auth, report=report, expected_version=data.expected_version)
    return report_get(user=request.auth, pk=report_id)


@router.post("/reports/{report_id}/approve", response={200: ReportDetailOut, **WRITE_ERRORS})
def approve_report(request: HttpRequest, report_id: int, data: TransitionIn):
    """单位审核 / The unit head approves a submitted report."""
    report = report_get(user=request.auth, pk=report_id)
    workflow.report_approve(actor=request.auth, report=report, expected_version=data.expected_version)
    return report_get(user=request.auth, pk=report_id)


@router.post("/reports/{report_id}/accept", response={200: ReportDetailOut, **WRITE_ERRORS})
def accept_report(request: HttpRequest, report_id: int, data: TransitionIn):
    """通过 / The office accepts an approved report."""
    report = report_get(user=request.auth, pk=report_id)
    workflow.report_accept(actor=request.auth, report=report, expected_version=data.expected_version)
    return report_get(user=request.auth, pk=report_id)


@router.post("/reports/{report_id}/return", response={200: ReportDetailOut, **WRITE_ERRORS})
def return_report(request: HttpRequest, report_id: int, data: ReturnIn):
    """退回 / The unit head (a submitted report) or the office (an approved one) sends it back with a
    reason."""
    report = report_get(user=request.auth, pk=report_id)
    workflow.report_return(
        actor=request.auth, report=report, reason=data.reason, expected_version=data.expected_version
    )
    return report_get(user=request.auth, pk=report_id)
