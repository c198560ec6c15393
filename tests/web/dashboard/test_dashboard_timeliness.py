"""Report timeliness: per closed period, on time / late / missing out of one report per line; and the
period whose reports are due now."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from taizhang.dashboard.selectors import plan_dashboard
from taizhang.plans.models import Plan

pytestmark = pytest.mark.django_db


def _figures(ledger4, today):
    return plan_dashboard(user=ledger4.leader, plan=ledger4.plan, today=today)


def _publish_on(plan, day):
    Plan.objects.filter(pk=plan.pk).update(published_at=datetime(*day, 12, tzinfo=ZoneInfo("Asia/Shanghai")))
    plan.refresh_from_db()


def test_report_timeliness_per_closed_period_and_the_period_now_due(ledger4, today):
    figures = _figures(ledger4, today)
    (q1,) = figures.periods
    assert (q1.period.label, q1.expected, q1.on_time, q1.late, q1.missing) == ("2021年第一季度", 4, 1, 1, 2)
    assert figures.on_time_rate == 25.0
    current = figures.current
    assert (current.period.label, current.due, current.expected, current.sent) == (
        "2021年第二季度",
        date(2021, 7, 10),
        4,
        1,  # the draft is not sent
    )


def test_the_period_closes_the_day_after_its_due_date(ledger4):
    assert [p.period.label for p in _figures(ledger4, date(2021, 7, 10)).periods] == ["2021年第一季度"]
    later = _figures(ledger4, date(2021, 7, 11))
    assert [p.period.label for p in later.periods] == ["2021年第一季度", "2021年第二季度"]
    assert later.current.period.label == "2021年第三季度"
    q2 = later.periods[1]
    assert (q2.on_time, q2.late, q2.missing) == (1, 0, 3)


def test_periods_before_publication_are_not_expected(ledger4, today):
    from taizhang.reports.models import ProgressReport

    ProgressReport.objects.filter(period_start=date(2021, 1, 1)).delete()
    _publish_on(ledger4.plan, (2021, 5, 20))
    figures = _figures(ledger4, date(2021, 7, 11))
    assert [p.period.label for p in figures.periods] == ["2021年第二季度"]


def test_reports_entered_for_periods_before_publication_count_from_the_first_one(ledger4, today):
    _publish_on(ledger4.plan, (2021, 5, 20))
    figures = _figures(ledger4, today)
    assert [p.period.label for p in figures.periods] == ["2021年第一季度"]


def test_a_plan_past_its_last_period_has_no_period_due(ledger4):
    figures = _figures(ledger4, date(2026, 2, 1))
    assert figures.current is None
    assert len(figures.periods) == 20  # 2021–2025, quarterly


def test_a_draft_plan_expects_no_reports(ledger4, today):
    Plan.objects.filter(pk=ledger4.plan.pk).update(status=Plan.Status.DRAFT, published_at=None)
    ledger4.plan.refresh_from_db()
    figures = plan_dashboard(user=ledger4.admin, plan=ledger4.plan, today=today)
    assert (figures.periods, figures.current, figures.on_time_rate) == ([], None, None)
    assert figures.split.lines == 4  # the office sees a draft's lines, as on the ledger
