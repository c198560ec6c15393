"""The rules that warn of what turns a line's traffic light (``ledger.rules``) red or yellow besides dates
and missing reports: a line its unit reports as 未按期完成, and a line not decomposed in time. Each selects
its lines with the light's own SQL condition (``ledger.lights``) and measures with the light's functions,
so a line is warned of on the day its light changes, and no longer once it does not. One query each,
whatever the number of lines."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby

from django.db.models import Exists, OuterRef, Subquery
from django.utils.timezone import localdate

from taizhang.alerts.rules.common import Regions, Units, lines_q, make_spec, task_text
from taizhang.alerts.specs import AlertSpec
from taizhang.ledger.lights import began_at, reported_late_q, undecomposed_q
from taizhang.ledger.models import Assignment, Milestone
from taizhang.ledger.rules import Thresholds, decompose_days_over
from taizhang.lib.batches import batches
from taizhang.reports.models import ProgressReport, ReviewState


def reported_late(*, today: date, region_ids: Regions = None, unit_ids: Units = None) -> list[AlertSpec]:
    """Lines whose latest accepted report says 未按期完成 (the light's red ``reported_late``); the value is
    the run of accepted reports saying so, counted back from the latest: periods reported late in a row.

    Read line by line (SQLite, given the lines' conditions on the reports, walks every accepted report of
    the province): the lines, each with its latest accepted report that does not say so (the run begins
    after it); then the accepted reports saying so of a few thousand lines a query, through the index of a
    line's reports."""
    late = ProgressReport.Status.OVERDUE
    on_time = (
        ProgressReport.objects.filter(assignment=OuterRef("pk"), review_state=ReviewState.ACCEPTED)
        .exclude(status=late)
        .order_by("-period_start")
        .values("period_start")[:1]
    )
    lines = (
        Assignment.objects.filter(lines_q("", region_ids, unit_ids), reported_late_q())
        .annotate(after=Subquery(on_time))
        .values_list("pk", "after", "unit_id", "unit__region_id", "task__text")
    )
    about = {pk: rest for pk, *rest in lines}
    specs = []
    for chunk in batches(sorted(about), 2000):
        runs = (
            ProgressReport.objects.filter(
                assignment_id__in=chunk, review_state=ReviewState.ACCEPTED, status=late
            )
            .order_by("assignment_id", "-period_start")
            .values_list("assignment_id", "period_start", "period_label")
        )
        specs += _runs(runs, about)
    return specs


def _runs(runs, about: dict) -> list[AlertSpec]:
    specs = []
    for line, rows in groupby(runs, key=lambda row: row[0]):
        after, unit, region, text = about[line]
        run = [row for row in rows if after is None or row[1] > after]
        if not run:
            continue
        labels = [row[2] for row in run]
        shown = "、".join(labels[:4]) + ("等" if len(labels) > 4 else "")
        times = f"连续 {len(run)} 期：" if len(run) > 1 else ""
        summary = f"{task_text(text)}的进展报告为“未按期完成”（{times}{shown}）"
        specs.append(
            make_spec(
                "reported_late",
                f"line:{line}",
                len(run),
                unit,
                region,
                line,
                summary,
                late_periods=labels,
                since=run[-1][1].isoformat(),
            )
        )
    return [s for s in specs if s]


def undecomposed(*, today: date, region_ids: Regions = None, unit_ids: Units = None) -> list[AlertSpec]:
    """Lines not decomposed (责任人 and a 进度目标) ``TAIZHANG_LIGHT_DECOMPOSE_DAYS`` after they began (the
    light's yellow ``undecomposed``); the value is the days past that allowance, 1 on the light's first
    yellow day."""
    thresholds = Thresholds.from_settings()
    lines = (
        Assignment.objects.filter(lines_q("", region_ids, unit_ids))
        .annotate(began_at=began_at())
        .filter(undecomposed_q(today=today, thresholds=thresholds))
        .annotate(has_milestone=Exists(Milestone.objects.filter(assignment=OuterRef("pk"))))
        .values_list(
            "pk",
            "began_at",
            "responsible_persons",
            "has_milestone",
            "unit_id",
            "unit__region_id",
            "task__text",
        )
    )
    specs = []
    for pk, began, persons, has_milestone, unit, region, text in lines:
        began = localdate(began)
        lacking = [what for what, ok in (("责任人", persons), ("进度目标", has_milestone)) if not ok]
        summary = (
            f"{task_text(text)}超过 {thresholds.decompose_days} 天尚未分解（未明确{'、'.join(lacking)}）"
        )
        specs.append(
            make_spec(
                "undecomposed",
                f"line:{pk}",
                decompose_days_over(began, today=today, thresholds=thresholds),
                unit,
                region,
                pk,
                summary,
                due_date=(began + timedelta(days=thresholds.decompose_days)).isoformat(),
                since=began.isoformat(),
            )
        )
    return [s for s in specs if s]
