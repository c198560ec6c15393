"""The rules on ledger lines: milestones and deadlines overdue, reports missing, reports returned."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Count, Max
from django.utils.timezone import localdate

from taizhang.alerts.rules.common import Regions, Units, lines_q, make_spec, task_text
from taizhang.alerts.specs import AlertSpec, notice_at
from taizhang.ledger.lights import deadline_on, missed_q, with_last_sent
from taizhang.ledger.models import Assignment, Milestone
from taizhang.ledger.rules import periods_missed
from taizhang.plans.models import Plan
from taizhang.reports.models import ReportStep, ReviewState
from taizhang.reports.periods import Period, periods_owed, report_due_date


def milestone_overdue(*, today: date, region_ids: Regions = None, unit_ids: Units = None) -> list[AlertSpec]:
    rule, latest = "milestone_overdue", today - timedelta(days=notice_at("milestone_overdue"))
    specs = []
    milestones = Milestone.objects.filter(
        lines_q("assignment__", region_ids, unit_ids), done_date__isnull=True, due_date__lte=latest
    ).values_list(
        "pk",
        "title",
        "due_date",
        "assignment_id",
        "assignment__unit_id",
        "assignment__unit__region_id",
        "assignment__task__text",
    )
    for pk, title, due, line, unit, region, text in milestones:
        days = (today - due).days
        summary = f"{task_text(text)}的进度目标“{title}”逾期未完成（计划 {due:%Y-%m-%d} 完成）"
        specs.append(
            make_spec(
                rule,
                f"milestone:{pk}",
                days,
                unit,
                region,
                line,
                summary,
                milestone_id=pk,
                milestone=title,
                due_date=due.isoformat(),
                since=due.isoformat(),
            )
        )
    lines = (
        Assignment.objects.filter(lines_q("", region_ids, unit_ids))
        .annotate(due=deadline_on())
        .filter(due__lte=latest)
        .values_list("pk", "due", "unit_id", "unit__region_id", "task__text")
    )
    for pk, due, unit, region, text in lines:
        days = (today - due).days
        summary = f"{task_text(text)}已超过完成时限（{due:%Y-%m-%d}），尚未完成"
        specs.append(
            make_spec(
                rule,
                f"deadline:{pk}",
                days,
                unit,
                region,
                pk,
                summary,
                due_date=due.isoformat(),
                since=due.isoformat(),
            )
        )
    return [s for s in specs if s]


def report_missing(*, today: date, region_ids: Regions = None, unit_ids: Units = None) -> list[AlertSpec]:
    """Lines missing at least the notice threshold's periods in a row, picked in the database with the
    light's own condition (``ledger.lights.missed_q``: the line owes that many latest periods of its plan
    and sent nothing for them), each line's last report read through the index of its reports; the run is
    then counted in Python, as the light counts it."""
    plans = {p.pk: p for p in Plan.objects.filter(status=Plan.Status.PUBLISHED)}
    lines = (
        with_last_sent(Assignment.objects.filter(lines_q("", region_ids, unit_ids)), today=today)
        .filter(missed_q(plans.values(), today=today, count=notice_at("report_missing")))
        .values_list(
            "pk", "created_at", "unit_id", "unit__region_id", "task__text", "task__plan_id", "last_sent"
        )
    )
    # Lines are created in bulk, so most of a plan's share a day: the periods owed once per (plan, day).
    owed: dict[tuple[int, date], list[Period]] = {}
    specs = []
    for pk, created_at, unit, region, text, plan_id, last_sent in lines:
        began = localdate(created_at)
        if (plan_id, began) not in owed:
            owed[plan_id, began] = periods_owed(plans[plan_id], today=today, began=began)
        missing = periods_missed(owed[plan_id, began], last_sent)  # the light's rule; the most recent first
        if not missing:
            continue
        labels = "、".join(p.label for p in missing[:4]) + ("等" if len(missing) > 4 else "")
        summary = f"{task_text(text)}连续 {len(missing)} 期未报送进展（{labels}）"
        specs.append(
            make_spec(
                "report_missing",
                f"line:{pk}",
                len(missing),
                unit,
                region,
                pk,
                summary,
                periods_missing=len(missing),
                periods=[p.label for p in missing],
                due_date=report_due_date(missing[0]).isoformat(),
                since=missing[-1].start.isoformat(),
            )
        )
    return [s for s in specs if s]


def report_returned(*, today: date, region_ids: Regions = None, unit_ids: Units = None) -> list[AlertSpec]:
    returns = (
        ReportStep.objects.filter(
            lines_q("report__assignment__", region_ids, unit_ids),
            to_state=ReviewState.RETURNED,
            report__review_state__in=[s for s in ReviewState.values if s != ReviewState.ACCEPTED],
        )
        .values("report_id")
        .annotate(n=Count("pk"), last=Max("at"))
        .filter(n__gte=notice_at("report_returned"))
        .values_list(
            "report_id",
            "n",
            "last",
            "report__period_label",
            "report__review_state",
            "report__assignment_id",
            "report__assignment__unit_id",
            "report__assignment__unit__region_id",
            "report__assignment__task__text",
        )
    )
    specs = []
    for report, n, last, label, state, line, unit, region, text in returns:
        summary = f"{task_text(text)}{label}的进展报送已被退回 {n} 次，尚未通过审核"
        specs.append(
            make_spec(
                "report_returned",
                f"report:{report}",
                n,
                unit,
                region,
                line,
                summary,
                report_id=report,
                period=label,
                returns=n,
                review_state=state,
                last_returned=localdate(last).isoformat(),
                since="",
            )
        )
    return [s for s in specs if s]
