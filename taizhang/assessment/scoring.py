"""Scores, totals, ranks and grades (得分、总分、名次、等次): pure functions, no database.

- A **rate** metric scores ``max × rate``. When nothing was due (``denominator`` 0) the indicator **does not
  apply** to the unit (rule ``none_due``): it is left out and the total rescaled (below). Nothing due is not
  full marks, nor zero: a unit owing reports and sending none has a denominator and scores 0.
- A **count** metric deducts ``per_item`` points an item (default 1; findings may weigh each severity with
  ``params["severity"]``, e.g. ``{"general": 1, "serious": 2}``, a severity not named weighing 1), down to 0.
  What "nothing to assess" means differs by metric (``leaf_outcome``): 报送退回次数 judges the reports sent —
  a unit that owed reports and sent none **owes the points** (0, rule ``owed_none_sent``), one that owed none
  and sent none is not assessed on it (``none_due``); 检查发现问题 judges an inspection's result — a unit that
  was not inspected in the year and has no finding is not assessed on it (``not_inspected``); 反弹次数
  likewise judges a 回头看: a unit none of whose work was re-checked in the year is not assessed on it
  (``not_rechecked``).
- An assessor's score always applies (it overrides the computed one, ``assessor``); a manual leaf applies.
- The **final** score of a leaf is the assessor's score when given (it overrides everything); else, for an
  automatic leaf, the computed score; for a manual leaf the unit's self score, as a provisional figure while
  scoring goes on — an assessment moves to review only once every manual leaf has an assessor score, so a
  published final is never a self score. A leaf without any score counts 0.
- The **total** is Σ final × weight over the leaves that apply, rescaled to the full maximum:
  ``total = Σ applicable final × weight × (Σ all max × weight) / (Σ applicable max × weight)``; the
  maximum is Σ max × weight over all leaves, the same for every unit. When nothing applies the total is 0.
- **Ranks** are standard competition ranks (1, 1, 3) on the total rounded to 2 decimals.
- **Grades** by the share of the maximum (``TAIZHANG_ASSESSMENT_GRADES``, per cent, lowest share for each
  grade); at most ``quota`` per cent of the units (rounded down) are 优秀: the rest of those that reached
  it fall to 良好 in rank order, and a tie that would cross the quota falls whole (the quota is a ceiling).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from taizhang.assessment.models import Grade, Indicator, Metric

CENT = Decimal("0.01")
RATE_METRICS = frozenset(
    {
        Metric.TASK_COMPLETION,
        Metric.ON_TIME,
        Metric.REPORT_TIMELINESS,
        Metric.RECTIFICATION_ON_TIME,
        Metric.ORDERS_ON_TIME,
        Metric.SATISFACTION,
        Metric.COOPERATION,
    }
)
COUNT_METRICS = frozenset({Metric.RETURNED_REPORTS, Metric.FINDINGS, Metric.RELAPSES})


def cents(value: Decimal | int | float) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def weighted_count(measured: Mapping[str, Any], params: Mapping[str, Any]) -> Decimal:
    """Items of a count metric, each weighing its severity's weight when ``params["severity"]`` says so
    and ``measured`` has ``by_severity``; else each weighing 1."""
    weights = params.get("severity") or {}
    by_severity = measured.get("by_severity")
    if weights and by_severity:
        return sum(
            (Decimal(str(weights.get(sev, 1))) * n for sev, n in by_severity.items()), start=Decimal(0)
        )
    return Decimal(measured.get("count", 0))


# Which rule gave a leaf its score (``Score.rule``); the words are ``assessment.rules.RULE_TEXT``.
RATE, DEDUCT, NONE_DUE, OWED_NONE_SENT, NOT_INSPECTED, MANUAL, ASSESSOR = (
    "rate", "deduct", "none_due", "owed_none_sent", "not_inspected", "manual", "assessor",
)  # fmt: skip
NOT_RECHECKED = "not_rechecked"
NOT_APPLYING = frozenset({NONE_DUE, NOT_INSPECTED, NOT_RECHECKED})


def leaf_outcome(
    metric: str, measured: Mapping[str, Any], max_points: Decimal, params: Mapping
) -> tuple[Decimal | None, str]:
    """(computed score, rule) of an automatic leaf from what was measured; the score is None when the
    indicator does not apply to the unit (see the module's docstring)."""
    max_points = Decimal(max_points)
    if metric in RATE_METRICS:
        denominator = measured.get("denominator") or 0
        if not denominator:
            return None, NONE_DUE
        # str(): a weighted numerator (牵头/配合) may be a float such as 2.5
        numerator = Decimal(str(measured.get("numerator", 0)))
        return cents(max_points * numerator / Decimal(str(denominator))), RATE
    if metric not in COUNT_METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    count = measured.get("count", 0)
    if metric == Metric.RETURNED_REPORTS and "sent" in measured and not measured["sent"]:
        return (cents(0), OWED_NONE_SENT) if measured.get("owed") else (None, NONE_DUE)
    if metric == Metric.FINDINGS and "inspected" in measured and not count and not measured["inspected"]:
        return None, NOT_INSPECTED
    if metric == Metric.RELAPSES and "rechecked" in measured and not count and not measured["rechecked"]:
        return None, NOT_RECHECKED
    per_item = Decimal(str(params.get("per_item", 1)))
    return cents(max(max_points - per_item * weighted_count(measured, params), Decimal(0))), DEDUCT


def leaf_computed(metric: str, measured: Mapping[str, Any], max_points: Decimal, params: Mapping) -> Decimal:
    """The computed score of an automatic leaf, 0 where it does not apply (``leaf_outcome`` says which)."""
    points, _rule = leaf_outcome(metric, measured, max_points, params)
    return cents(0) if points is None else points


def leaf_rule(method: str, *, computed_rule: str, assessor_score: Decimal | None) -> tuple[bool, str]:
    """(applies, rule) of a leaf: an assessor's score always applies; a manual leaf applies; an automatic
    one as ``leaf_outcome`` decided."""
    if assessor_score is not None:
        return True, ASSESSOR
    if method != Indicator.Method.AUTO:
        return True, MANUAL
    return computed_rule not in NOT_APPLYING, computed_rule


def final_score(
    method: str, *, computed: Decimal | None, self_score: Decimal | None, assessor_score: Decimal | None
) -> Decimal | None:
    """The score that counts (see the module's docstring); None when there is none yet."""
    if assessor_score is not None:
        return assessor_score
    if method == Indicator.Method.AUTO:
        return computed
    return self_score


def rescaled_total(
    leaves: Iterable[tuple[Decimal | None, Decimal, Decimal, bool]],
) -> tuple[Decimal, Decimal]:
    """(total, maximum) of ``(final, max_points, weight, applies)`` leaves: the applicable leaves' sum
    rescaled to the full maximum (a missing final counts 0; nothing applying totals 0)."""
    got = applicable = maximum = Decimal(0)
    for final, max_points, weight, applies in leaves:
        full = Decimal(max_points) * Decimal(weight)
        maximum += full
        if applies:
            applicable += full
            got += Decimal(final or 0) * Decimal(weight)
    total = got * maximum / applicable if applicable else Decimal(0)
    return cents(total), cents(maximum)


def competition_ranks(totals: Mapping[Hashable, Decimal]) -> dict[Hashable, int]:
    """Standard competition ranking: equal totals (to the cent) share a rank, the next rank skips."""
    rounded = {key: cents(total) for key, total in totals.items()}
    ordered = sorted(rounded.values(), reverse=True)
    first = {}
    for position, total in enumerate(ordered, 1):
        first.setdefault(total, position)
    return {key: first[total] for key, total in rounded.items()}


def grade_for(total: Decimal, maximum: Decimal, thresholds: Mapping[str, int]) -> str:
    """The grade a total earns on its own, by its share of the maximum (a zero maximum earns the top)."""
    share = Decimal(100) if maximum == 0 else Decimal(total) * 100 / Decimal(maximum)
    for grade in (Grade.EXCELLENT, Grade.GOOD, Grade.FAIR):
        if share >= thresholds[grade]:
            return grade.value
    return Grade.POOR.value


def grades(
    totals: Mapping[Hashable, Decimal],
    ranks: Mapping[Hashable, int],
    *,
    maximum: Decimal,
    thresholds: Mapping[str, int],
    quota: int,
) -> dict[Hashable, str]:
    """Each unit's grade, with the 优秀 quota applied in rank order (ties never split)."""
    result = {key: grade_for(total, maximum, thresholds) for key, total in totals.items()}
    allowed = len(totals) * quota // 100
    excellent = sorted((ranks[key], key) for key, grade in result.items() if grade == Grade.EXCELLENT)
    for rank, key in excellent:
        # A unit stays 优秀 only if it and every unit tied with it or ahead of it fit the quota.
        ahead_or_tied = sum(1 for other_rank, _ in excellent if other_rank <= rank)
        if ahead_or_tied > allowed:
            result[key] = Grade.GOOD.value
    return result
