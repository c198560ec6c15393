"""Shared values and helpers for the report tests, imported by test modules (after Django is set up)."""

from datetime import date

from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport
from taizhang.reports.periods import period_for
from taizhang.reports.services import report_save_draft

Q1 = period_for(date(2021, 1, 1), Plan.Cadence.QUARTER)  # due 10 April 2021
Q2 = period_for(date(2021, 4, 1), Plan.Cadence.QUARTER)  # due 10 July 2021


def save_draft(
    line,
    actor,
    *,
    period=Q1,
    status=ProgressReport.Status.IN_PROGRESS,
    narrative="召开专题会议部署落实。",
    **kw,
):
    return report_save_draft(
        actor=actor, assignment=line, period=period, status=status, narrative=narrative, **kw
    )
