"""Reporting periods (报送周期): the months, quarters or years a plan's reports are written for.

Plain functions of dates and a cadence (``Plan.Cadence``: month / quarter / year). A report for a period is
due ``TAIZHANG_REPORT_GRACE_DAYS`` after the period ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from taizhang.plans.models import Plan

_QUARTERS = "一二三四"


@dataclass(frozen=True, slots=True, order=True)
class Period:
    start: date
    end: date
    label: str  # 2021年3月 / 2021年第一季度 / 2021年度


def _month_end(year: int, month: int) -> date:
    return (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)


def period_for(day: date, cadence: str) -> Period:
    """The period of ``cadence`` that contains ``day``."""
    if cadence == Plan.Cadence.MONTH:
        return Period(
            date(day.year, day.month, 1), _month_end(day.year, day.month), f"{day.year}年{day.month}月"
        )
    if cadence == Plan.Cadence.QUARTER:
        q = (day.month - 1) // 3
        return Period(
            date(day.year, 3 * q + 1, 1), _month_end(day.year, 3 * q + 3), f"{day.year}年第{_QUARTERS[q]}季度"
        )
    if cadence == Plan.Cadence.YEAR:
        return Period(date(day.year, 1, 1), date(day.year, 12, 31), f"{day.year}年度")
    raise ValueError(f"unknown report cadence {cadence!r}")


def periods_between(start_year: int, end_year: int, cadence: str) -> list[Period]:
    """Every period of ``cadence`` from 1 January of ``start_year`` to 31 December of ``end_year``."""
    periods: list[Period] = []
    day = date(start_year, 1, 1)
    while day.year <= end_year:
        period = period_for(day, cadence)
        periods.append(period)
        day = period.end + timedelta(days=1)
    return periods


def plan_periods(plan: Plan) -> list[Period]:
    """The reporting periods of ``plan``: its cadence over its years."""
    return periods_between(plan.period_start, plan.period_end, plan.report_cadence)


def is_plan_period(plan: Plan, period: Period) -> bool:
    """Whether ``period`` is exactly one of the plan's reporting periods (right cadence, inside its years)."""
    return (
        plan.period_start <= period.start.year <= plan.period_end
        and period_for(period.start, plan.report_cadence) == period
    )


def report_due_date(period: Period, *, grace_days: int | None = None) -> date:
    """The last day a report for ``period`` is on time: the period's end plus the grace days
    (``TAIZHANG_REPORT_GRACE_DAYS`` unless given)."""
    if grace_days is None:
        grace_days = settings.TAIZHANG_REPORT_GRACE_DAYS
    return period.end + timedelta(days=grace_days)


def last_due_period(today: date, cadence: str) -> Period:
    """The most recent period of ``cadence`` whose report is past due on ``today``."""
    period = period_for(today - timedelta(days=settings.TAIZHANG_REPORT_GRACE_DAYS + 1), cadence)
    if report_due_date(period) >= today:
        period = period_for(period.start - timedelta(days=1), cadence)
    return period


def first_owed(plan: Plan, *, began: date | None = None, first_sent: date | None = None) -> date | None:
    """The start of the first period a ledger line of ``plan`` owes a report for (报送起始周期); None for a
    plan never published, which owes nothing.

    The line began when the plan was published (publishing creates every unit's lines), or on ``began``
    when that is later (a line added by a re-imported plan); it owes the period in which it began. An
    earlier period is owed when someone sent a report for it (``first_sent``, the earliest such period's
    start): a plan taken into the system after it started. See decisions, "Which periods a line owes"."""
    if plan.published_at is None:
        return None
    start = timezone.localdate(plan.published_at)
    if began is not None and began > start:
        start = began
    first = period_for(start, plan.report_cadence).start
    return first_sent if first_sent is not None and first_sent < first else first


def published_by(plan: Plan, period: Period) -> bool:
    """Whether ``plan`` was published by ``period``'s end: else no line of it owes the period."""
    return plan.published_at is not None and timezone.localdate(plan.published_at) <= period.end


def began_by_q(period: Period) -> Q:
    """``first_owed`` as a filter on the ledger lines (``Assignment``) of plans ``published_by`` the period:
    the lines that owe it (``first_owed(plan, began=<the line's day>) <= period.start``). Periods follow each
    other, so the period a line begins in starts no later than this one exactly when the later of the plan's
    publication and the line's creation falls by this period's end — compared in the database, in the
    office's time zone, instead of line by line."""
    after = timezone.make_aware(datetime.combine(period.end + timedelta(days=1), time.min))
    return Q(created_at__lt=after)  # a line's creation time is never empty (a column NOT NULL)


def periods_owed(
    plan: Plan, *, today: date, began: date | None = None, first_sent: date | None = None
) -> list[Period]:
    """The periods of ``plan`` a line owes a report for by ``today``, oldest first: from ``first_owed``
    through the last one whose report was due before ``today``. The one rule of the dashboard's report
    timeliness, assessment's 报送及时率 and the warning for reports missing."""
    first = first_owed(plan, began=began, first_sent=first_sent)
    if first is None:
        return []
    grace = settings.TAIZHANG_REPORT_GRACE_DAYS
    return list(_owed(plan.period_start, plan.period_end, plan.report_cadence, grace, first, today))


@lru_cache(maxsize=1024)
def _owed(
    start_year: int, end_year: int, cadence: str, grace_days: int, first: date, today: date
) -> tuple[Period, ...]:
    """``periods_owed`` for a plan shape, a first period and a day: the lights of a page's lines (some 500)
    mostly share all three. Keyed by values only, so nothing about a plan or a line is kept."""
    due = _periods_and_due_dates(start_year, end_year, cadence, grace_days)
    return tuple(period for period, due_on in due if period.start >= first and due_on < today)


def last_owed_start(plan: Plan, *, today: date) -> date | None:
    """The start of the last period of ``plan`` whose report was due before ``today``: the last period
    ``periods_owed`` lists for any line of the plan that owes one (None for a plan never published, or
    before its first due date)."""
    if plan.published_at is None:
        return None
    due = _periods_and_due_dates(
        plan.period_start, plan.period_end, plan.report_cadence, settings.TAIZHANG_REPORT_GRACE_DAYS
    )
    return max((period.start for period, due_on in due if due_on < today), default=None)


@lru_cache(maxsize=256)
def _periods_and_due_dates(
    start_year: int, end_year: int, cadence: str, grace_days: int
) -> tuple[tuple[Period, date], ...]:
    """A plan's periods with their due dates, worked out once per plan shape: the ledger's lights ask
    ``periods_owed`` for every line of a page (some 500), and all of a plan's lines share these."""
    return tuple(
        (period, report_due_date(period, grace_days=grace_days))
        for period in periods_between(start_year, end_year, cadence)
    )
