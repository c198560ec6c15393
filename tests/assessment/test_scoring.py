"""The pure scoring rules: leaf scores, finals, weighted totals, competition ranks, grades and the quota."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from taizhang.assessment import scoring
from taizhang.assessment.models import Indicator, Metric

GRADES = {"excellent": 90, "good": 80, "fair": 60}
D = Decimal


def test_a_rate_scores_its_share_of_the_maximum_and_does_not_apply_when_nothing_was_due():
    assert scoring.leaf_outcome(Metric.ORDERS_ON_TIME, {"numerator": 2, "denominator": 3}, D(30), {}) == (
        D("20.00"),
        "rate",
    )
    assert scoring.leaf_outcome(Metric.ORDERS_ON_TIME, {"numerator": 0, "denominator": 0}, D(30), {}) == (
        None,
        "none_due",
    )  # neither full marks nor zero: left out of the total
    owed = {"numerator": 0, "denominator": 4}  # 4 reports owed, none sent on time
    assert scoring.leaf_outcome(Metric.REPORT_TIMELINESS, owed, D(10), {}) == (D(0), "rate")


def test_returns_judge_only_reports_sent_and_a_unit_that_owed_and_sent_none_owes_the_points():
    outcome = scoring.leaf_outcome
    assert outcome(Metric.RETURNED_REPORTS, {"count": 0, "sent": 0, "owed": 4}, D(5), {}) == (
        D(0),
        "owed_none_sent",
    )
    nothing_owed = {"count": 0, "sent": 0, "owed": 0}
    assert outcome(Metric.RETURNED_REPORTS, nothing_owed, D(5), {}) == (None, "none_due")
    assert outcome(Metric.RETURNED_REPORTS, {"count": 1, "sent": 3, "owed": 4}, D(5), {}) == (D(4), "deduct")


def test_findings_apply_once_the_unit_was_inspected_or_something_was_found():
    outcome = scoring.leaf_outcome
    assert outcome(Metric.FINDINGS, {"count": 0, "inspected": 0}, D(10), {}) == (None, "not_inspected")
    assert outcome(Metric.FINDINGS, {"count": 0, "inspected": 1}, D(10), {}) == (D(10), "deduct")
    assert outcome(Metric.FINDINGS, {"count": 2, "inspected": 0}, D(10), {}) == (D(8), "deduct")


def test_an_assessor_score_makes_a_leaf_apply_whatever_was_measured():
    auto, manual = Indicator.Method.AUTO, Indicator.Method.MANUAL
    assert scoring.leaf_rule(auto, computed_rule="none_due", assessor_score=None) == (False, "none_due")
    assert scoring.leaf_rule(auto, computed_rule="none_due", assessor_score=D(3)) == (True, "assessor")
    assert scoring.leaf_rule(manual, computed_rule="", assessor_score=None) == (True, "manual")


def test_the_total_is_rescaled_over_the_leaves_that_apply():
    # 60-point leaf not applying; 30 of 40 on the other: 30 × 100 / 40
    total, maximum = scoring.rescaled_total([(None, D(60), D(1), False), (D(30), D(40), D(1), True)])
    assert (total, maximum) == (D("75.00"), D("100.00"))
    # weights count in both sums: (8×2 + 5) × (20+10+10) / (20+10) = 28
    leaves = [(D(8), D(10), D(2), True), (D(5), D(10), D(1), True), (D(0), D(10), D(1), False)]
    assert scoring.rescaled_total(leaves) == (D("28.00"), D("40.00"))
    # everything applying: the plain weighted sum; a missing final counts 0
    assert scoring.rescaled_total([(D(50), D(60), D(1), True), (None, D(40), D(1), True)]) == (
        D("50.00"),
        D("100.00"),
    )
    assert scoring.rescaled_total([(None, D(60), D(1), False)]) == (D(0), D("60.00"))  # nothing applies


def test_a_count_deducts_per_item_down_to_zero():
    assert scoring.leaf_computed(Metric.FINDINGS, {"count": 3}, D(10), {"per_item": D("2.5")}) == D("2.50")
    assert scoring.leaf_computed(Metric.FINDINGS, {"count": 5}, D(10), {"per_item": 3}) == D(0)


def test_severity_weights_apply_to_findings_and_an_unnamed_severity_weighs_one():
    measured = {"count": 3, "by_severity": {"general": 1, "serious": 1, "severe": 1}}
    assert scoring.leaf_computed(Metric.FINDINGS, measured, D(10), {"severity": {"serious": 2}}) == D(6)


def test_the_assessor_score_overrides_and_a_manual_leaf_falls_back_to_the_self_score():
    auto, manual = Indicator.Method.AUTO, Indicator.Method.MANUAL
    assert scoring.final_score(auto, computed=D(8), self_score=None, assessor_score=D(5)) == D(5)
    assert scoring.final_score(auto, computed=D(8), self_score=D(9), assessor_score=None) == D(8)
    assert scoring.final_score(manual, computed=None, self_score=D(9), assessor_score=None) == D(9)
    assert scoring.final_score(manual, computed=None, self_score=None, assessor_score=None) is None


def test_ties_share_a_rank_and_the_next_rank_skips():
    ranks = scoring.competition_ranks({"a": D("90.004"), "b": D("90.001"), "c": D(85), "d": D(95)})
    assert ranks == {"d": 1, "a": 2, "b": 2, "c": 4}


def test_grades_follow_the_share_of_the_maximum():
    totals = {"a": D(90), "b": D("89.99"), "c": D(60), "d": D("59.99")}
    ranks = scoring.competition_ranks(totals)
    got = scoring.grades(totals, ranks, maximum=D(100), thresholds=GRADES, quota=100)
    assert got == {"a": "excellent", "b": "good", "c": "fair", "d": "poor"}
    assert scoring.grade_for(D(45), D(50), GRADES) == "excellent"  # 90 % of a smaller maximum


def test_the_excellent_quota_drops_the_lowest_ranked_to_good():
    totals = {"a": D(99), "b": D(95), "c": D(92), "d": D(50)}
    got = scoring.grades(
        totals, scoring.competition_ranks(totals), maximum=D(100), thresholds=GRADES, quota=50
    )
    assert got == {"a": "excellent", "b": "excellent", "c": "good", "d": "poor"}


def test_a_tie_that_would_cross_the_quota_falls_whole():
    totals = {"a": D(99), "b": D(95), "c": D(95), "d": D(50)}
    got = scoring.grades(
        totals, scoring.competition_ranks(totals), maximum=D(100), thresholds=GRADES, quota=50
    )
    assert got == {"a": "excellent", "b": "good", "c": "good", "d": "poor"}


totals_st = st.dictionaries(
    st.integers(0, 50), st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=30
)


@given(totals_st)
def test_ranks_are_consistent_with_totals(totals):
    ranks = scoring.competition_ranks(totals)
    for a in totals:
        assert ranks[a] == 1 + sum(1 for b in totals if totals[b] > totals[a])


@given(totals_st, st.integers(0, 100))
def test_the_quota_is_never_exceeded_and_grades_never_beat_a_higher_total(totals, quota):
    ranks = scoring.competition_ranks(totals)
    got = scoring.grades(totals, ranks, maximum=D(100), thresholds=GRADES, quota=quota)
    assert sum(1 for g in got.values() if g == "excellent") <= len(totals) * quota // 100
    order = ["excellent", "good", "fair", "poor"]
    for a in totals:
        for b in totals:
            if totals[a] > totals[b]:
                assert order.index(got[a]) <= order.index(got[b])
