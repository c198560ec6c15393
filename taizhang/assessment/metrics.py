"""What an automatic indicator measures (``models.Metric``), for every assessed unit at once: a few aggregate
queries a metric, grouped by unit, never one query per unit.

The year is judged up to its **cut-off**: 31 December for a past year, yesterday while the year runs
(``cutoff``). "Lines in scope" are the ledger lines (``ledger.Assignment``) of the assessed units on the plans
in scope (the assessment's plans, else the region's published or archived plans running that year).

- ``task_completion`` 任务完成率: lines whose deadline (the line's, else the task's) is on or before the
  cut-off; done = the latest accepted report among those whose period ends by the cut-off says 已完成 or
  长期坚持 (as the dashboard counts completion). Not ``latest_accepted_status``, which is today's state.
  Lines without a deadline are not due, so not counted.
- ``on_time`` 按期完成率: milestones (进度目标) of lines in scope due within the year up to the cut-off;
  on time = done on or before the due date.
- ``report_timeliness`` 报送及时率: the dashboard's rule (``dashboard.reporting``) per unit: one report is
  expected per line in scope and period it owes (``reports.periods.periods_owed``: from the period the plan
  was published in — or the first period anyone sent a report for, if earlier — through the last one due
  before today) that ends within the year. On time = sent (not a draft) and not marked ``late``.
- ``returned_reports`` 报送退回次数: returns (``ReportStep`` to 已退回) of the reports of lines in scope whose
  period ends within the year, every return counted; with ``sent`` (those reports sent, not drafts) and
  ``owed`` (the reports expected, as ``report_timeliness`` counts them), so that a unit that owed reports and
  sent none is not taken for one that was never returned (``scoring.leaf_outcome``).
- ``findings`` 检查发现问题: findings at the unit found within the year up to the cut-off, by severity; a
  covert inspection's only once it is published (before that the unit may not know of them); with
  ``inspected``, the inspections of the unit begun in the year up to the cut-off (revealed ones).
- ``rectification_on_time`` 整改按期销号率: the unit's rectification items due within the year up to the
  cut-off; on time = closed (销号) on or before the deadline.
- ``orders_on_time`` 督办按期回复率: the unit's replies owed on issued or closed 督办单 whose deadline falls
  within the year up to the cut-off; on time = its (latest) reply on or before the deadline.
- ``satisfaction`` 满意度: the votes for the unit in the year's closed 民主测评 surveys
  (``appraisals.selectors.satisfaction_rows``); favourable = the scale's first two grades. Read whole once
  closed, whatever the cut-off: a survey's result is known only when it ends.
- ``relapses`` 反弹次数: the unit's entries of 回头看 re-checked within the year up to the cut-off and found
  反弹 (items reopened and completed lines alike); with ``rechecked``, all its entries re-checked then.
- ``cooperation`` 配合评价得分: the lead units' ratings (1–5) of the unit's cooperating lines in scope for the
  year: ``numerator`` the sum of ratings, ``denominator`` 5 × ratings, so the rate is the mean as a fraction.

牵头/配合 (split responsibility): ``task_completion`` and ``on_time`` count a lead (or sole, 负责) line as
``Scope.lead_weight`` and a cooperating line as ``Scope.co_weight`` (the standard version's weights); with
both 1 they count lines, and numerator and denominator stay whole numbers.

Rates give ``{"numerator", "denominator", "rate"}`` (``rate`` None when nothing was due); counts
``{"count"}`` (findings also ``by_severity``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, F, Min, OuterRef, Q, Subquery, Sum

from taizhang.appraisals.selectors import satisfaction_rows
from taizhang.assessment.models import Metric
from taizhang.assessment.scoring import COUNT_METRICS
from taizhang.inspections.models import Finding, Inspection
from taizhang.inspections.selectors import revealed_q
from taizhang.ledger.lights import DONE_STATUSES, deadline_on
from taizhang.ledger.models import Assignment, CooperationRating, Milestone
from taizhang.plans.models import Plan
from taizhang.rectification.models import LookBackEntry, Recheck, RectificationItem
from taizhang.reports.models import ProgressReport, ReportStep, ReviewState
from taizhang.reports.periods import first_owed, periods_owed
from taizhang.supervision.models import OrderRecipient, SupervisionOrder


@dataclass(frozen=True, slots=True)
class Scope:
    year: int
    unit_ids: frozenset[int]
    plan_ids: frozenset[int]
    today: date
    lead_weight: Decimal = Decimal(1)
    co_weight: Decimal = Decimal(1)

    @property
    def first(self) -> date:
        return date(self.year, 1, 1)

    @property
    def last(self) -> date:
        return date(self.year, 12, 31)

    @property
    def cutoff(self) -> date:
        return min(self.last, self.today - timedelta(days=1))

    def lines(self):
        return Assignment.objects.filter(unit_id__in=self.unit_ids, task__plan_id__in=self.plan_ids)

    def weight(self, role: str) -> Decimal:
        """A line's weight in the metrics that count lines: 配合 ``co_weight``, 牵头/负责 ``lead_weight``."""
        return Decimal(self.co_weight if role == Assignment.Role.COOPERATING else self.lead_weight)


def plans_running(region_id: int, year: int):
    """The region's published or archived plans whose years include ``year``."""
    return Plan.objects.filter(
        region_id=region_id,
        status__in=(Plan.Status.PUBLISHED, Plan.Status.ARCHIVED),
        period_start__lte=year,
        period_end__gte=year,
    )


def plan_ids_in_scope(assessment) -> frozenset[int]:
    """The assessment's plans, else the region's plans running in its year."""
    chosen = frozenset(assessment.plans.values_list("pk", flat=True))
    return chosen or frozenset(
        plans_running(assessment.region_id, assessment.year).values_list("pk", flat=True)
    )


def rate(numerator: int, denominator: int) -> dict:
    return {
        "numerator": numerator,
        "denominator": denominator,
        "rate": round(numerator / denominator, 4) if denominator else None,
    }


def _rates(rows: Iterable[dict], key: str = "u") -> dict[int, dict]:
    return {row[key]: rate(row["num"], row["den"]) for row in rows}


def _plain(value: Decimal) -> int | float:
    """A weighted count as JSON: whole numbers as int (so unweighted counts read as before), else float."""
    return int(value) if value == value.to_integral_value() else float(round(value, 4))


def _weighted_rates(rows: Iterable[dict], scope: Scope) -> dict[int, dict]:
    """Rows counted per unit and role (``u``, ``role``, ``num``, ``den``) → each unit's weighted rate."""
    num: dict[int, Decimal] = defaultdict(Decimal)
    den: dict[int, Decimal] = defaultdict(Decimal)
    for row in rows:
        weight = scope.weight(row["role"])
        num[row["u"]] += weight * row["num"]
        den[row["u"]] += weight * row["den"]
    result = {}
    for unit, d in den.items():
        n = num[unit]
        result[unit] = {
            "numerator": _plain(n),
            "denominator": _plain(d),
            "rate": round(float(n / d), 4) if d else None,
        }
    return result


def task_completion(scope: Scope) -> dict[int, dict]:
    latest = (
        ProgressReport.objects.filter(
            assignment=OuterRef("pk"), review_state=ReviewState.ACCEPTED, period_end__lte=scope.cutoff
        )
        .order_by("-period_start")
        .values("status")[:1]
    )
    rows = (
        scope.lines()
        .annotate(due=deadline_on(), latest=Subquery(latest))
        .filter(due__lte=scope.cutoff)
        .values("role", u=F("unit_id"))
        .annotate(den=Count("pk"), num=Count("pk", filter=Q(latest__in=DONE_STATUSES)))
        .order_by()
    )
    return _weighted_rates(rows, scope)


def on_time(scope: Scope) -> dict[int, dict]:
    rows = (
        Milestone.objects.filter(
            assignment__in=scope.lines().values("pk"), due_date__range=(scope.first, scope.cutoff)
        )
        .values(u=F("assignment__unit_id"), role=F("assignment__role"))
        .annotate(den=Count("pk"), num=Count("pk", filter=Q(done_date__lte=F("due_date"))))
        .order_by()
    )
    return _weighted_rates(rows, scope)


def _first_sent(plans: list[Plan]) -> dict[int, date]:
    """The earliest period anyone sent a report for, of each plan reported on before the period it was
    published in (``reports.periods.first_owed`` then owes from there)."""
    earlier = Q()
    for plan in plans:
        earlier |= Q(assignment__task__plan_id=plan.pk, period_start__lt=first_owed(plan))
    rows = (
        ProgressReport.objects.filter(earlier)
        .exclude(review_state=ReviewState.DRAFT)
        .values(plan=F("assignment__task__plan_id"))
        .annotate(first=Min("period_start"))
        .order_by()
    )
    return {row["plan"]: row["first"] for row in rows} if plans else {}


def reports_owed(scope: Scope) -> tuple[dict[int, int], dict[int, dict[date, int]]]:
    """(unit → reports expected, plan → period start → …): the expected count per unit, and per plan the
    starts of the periods owed that end within the year."""
    plans = list(Plan.objects.filter(pk__in=scope.plan_ids, published_at__isnull=False))
    first_sent = _first_sent(plans)
    periods = {
        plan.pk: {
            p.start
            for p in periods_owed(plan, today=scope.today, first_sent=first_sent.get(plan.pk))
            if scope.first <= p.end <= scope.last
        }
        for plan in plans
    }
    expected: dict[int, int] = defaultdict(int)
    lines = scope.lines().values(u=F("unit_id"), plan=F("task__plan_id")).annotate(n=Count("pk"))
    for row in lines.order_by():
        expected[row["u"]] += row["n"] * len(periods.get(row["plan"], ()))
    return expected, periods


def _sent(scope: Scope):
    return ProgressReport.objects.filter(
        assignment__in=scope.lines().values("pk"), period_end__range=(scope.first, scope.last)
    ).exclude(review_state=ReviewState.DRAFT)


def report_timeliness(scope: Scope) -> dict[int, dict]:
    expected, periods = reports_owed(scope)
    on_time: dict[int, int] = defaultdict(int)
    sent = (
        _sent(scope)
        .filter(late=False)
        .values("period_start", u=F("assignment__unit_id"), plan=F("assignment__task__plan_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in sent:
        if row["period_start"] in periods.get(row["plan"], ()):
            on_time[row["u"]] += row["n"]
    return {unit: rate(on_time[unit], n) for unit, n in expected.items()}


def returned_reports(scope: Scope) -> dict[int, dict]:
    rows = (
        ReportStep.objects.filter(
            to_state=ReviewState.RETURNED,
            report__assignment__in=scope.lines().values("pk"),
            report__period_end__range=(scope.first, scope.last),
        )
        .values(u=F("report__assignment__unit_id"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    returns = {row["u"]: row["n"] for row in rows}
    sent = dict(_sent(scope).values(u=F("assignment__unit_id")).annotate(n=Count("pk")).values_list("u", "n"))
    owed, _periods = reports_owed(scope)
    return {
        unit: {"count": returns.get(unit, 0), "sent": sent.get(unit, 0), "owed": owed.get(unit, 0)}
        for unit in scope.unit_ids
    }


def findings(scope: Scope) -> dict[int, dict]:
    rows = (
        Finding.objects.filter(unit_id__in=scope.unit_ids, found_on__range=(scope.first, scope.cutoff))
        .filter(revealed_q("inspection__"))
        .values("unit_id", "severity")
        .annotate(n=Count("pk"))
        .order_by()
    )
    inspected = dict(
        Inspection.units.through.objects.filter(
            unit_id__in=scope.unit_ids, inspection__start_date__range=(scope.first, scope.cutoff)
        )
        .filter(revealed_q("inspection__"))
        .values("unit_id")
        .annotate(n=Count("inspection_id", distinct=True))
        .values_list("unit_id", "n")
        .order_by()
    )
    result = {
        unit: {"count": 0, "by_severity": {}, "inspected": inspected.get(unit, 0)} for unit in scope.unit_ids
    }
    for row in rows:
        entry = result[row["unit_id"]]
        entry["count"] += row["n"]
        entry["by_severity"][row["severity"]] = row["n"]
    return result


def rectification_on_time(scope: Scope) -> dict[int, dict]:
    on_time = Q(closed_at__isnull=False, closed_at__date__lte=F("deadline"))
    rows = (
        RectificationItem.objects.filter(
            unit_id__in=scope.unit_ids, deadline__range=(scope.first, scope.cutoff)
        )
        .values(u=F("unit_id"))
        .annotate(den=Count("pk"), num=Count("pk", filter=on_time))
        .order_by()
    )
    return _rates(rows)


def orders_on_time(scope: Scope) -> dict[int, dict]:
    on_time = Q(replied_at__isnull=False, replied_at__date__lte=F("order__deadline"))
    rows = (
        OrderRecipient.objects.filter(
            unit_id__in=scope.unit_ids,
            order__state__in=(SupervisionOrder.State.ISSUED, SupervisionOrder.State.CLOSED),
            order__deadline__range=(scope.first, scope.cutoff),
        )
        .values(u=F("unit_id"))
        .annotate(den=Count("pk"), num=Count("pk", filter=on_time))
        .order_by()
    )
    return _rates(rows)


def satisfaction(scope: Scope) -> dict[int, dict]:
    return _rates(satisfaction_rows(unit_ids=scope.unit_ids, year=scope.year))


def relapses(scope: Scope) -> dict[int, dict]:
    rows = (
        LookBackEntry.objects.filter(
            unit_id__in=scope.unit_ids, checked_on__range=(scope.first, scope.cutoff)
        )
        .exclude(result=Recheck.PENDING)
        .values(u=F("unit_id"))
        .annotate(n=Count("pk", filter=Q(result=Recheck.RELAPSED)), checked=Count("pk"))
        .order_by()
    )
    return {row["u"]: {"count": row["n"], "rechecked": row["checked"]} for row in rows}


def cooperation(scope: Scope) -> dict[int, dict]:
    rows = (
        CooperationRating.objects.filter(
            line__in=scope.lines().filter(role=Assignment.Role.COOPERATING).values("pk"), year=scope.year
        )
        .values(u=F("line__unit_id"))
        .annotate(num=Sum("rating"), n=Count("pk"))
        .order_by()
    )
    return {row["u"]: rate(row["num"], 5 * row["n"]) for row in rows}


MEASURES = {
    Metric.TASK_COMPLETION: task_completion,
    Metric.ON_TIME: on_time,
    Metric.REPORT_TIMELINESS: report_timeliness,
    Metric.RETURNED_REPORTS: returned_reports,
    Metric.FINDINGS: findings,
    Metric.RECTIFICATION_ON_TIME: rectification_on_time,
    Metric.ORDERS_ON_TIME: orders_on_time,
    Metric.SATISFACTION: satisfaction,
    Metric.RELAPSES: relapses,
    Metric.COOPERATION: cooperation,
}


def empty(metric: str) -> dict:
    """What a unit with no row measures: nothing due, nothing sent, not inspected."""
    if metric == Metric.RETURNED_REPORTS:
        return {"count": 0, "sent": 0, "owed": 0}
    if metric == Metric.FINDINGS:
        return {"count": 0, "by_severity": {}, "inspected": 0}
    if metric == Metric.RELAPSES:
        return {"count": 0, "rechecked": 0}
    return {"count": 0} if metric in COUNT_METRICS else rate(0, 0)


def measure(metrics: Iterable[str], scope: Scope) -> dict[str, dict[int, dict]]:
    """metric → unit id → measured, for every unit of the scope (an empty measurement where no row)."""
    result = {}
    for metric in set(metrics):
        found = MEASURES[metric](scope) if scope.unit_ids and scope.cutoff >= scope.first else {}
        result[metric] = {unit: found.get(unit) or empty(metric) for unit in scope.unit_ids}
    return result
