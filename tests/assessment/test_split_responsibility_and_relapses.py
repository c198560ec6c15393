"""牵头/配合 weights, 反弹次数 and 配合评价得分 on hand-made data: the 2020 assessment run on 1 March 2021
(the scene of tests/assessment/scene.py: U1 leads task 1, U2 leads task 2)."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from taizhang.assessment import metrics, services
from taizhang.assessment.models import Metric, StandardVersion
from taizhang.assessment.scoring import leaf_outcome
from taizhang.ledger.models import Assignment, CooperationRating
from taizhang.rectification.models import LookBack, LookBackEntry, Recheck, RectState
from taizhang.reports.models import ReviewState
from tests.assessment.scene import TZ, create, leaf_scores
from tests.factories import make_assignment, make_milestone, make_rectification, make_report

CO = Assignment.Role.COOPERATING


def scope(scene, *, lead=1, co=1):
    return metrics.Scope(
        year=2020,
        unit_ids=frozenset({scene.u1.pk, scene.u2.pk}),
        plan_ids=frozenset({scene.plan.pk}),
        today=date(2021, 3, 1),
        lead_weight=Decimal(str(lead)),
        co_weight=Decimal(str(co)),
    )


def done(line, status="done"):
    make_report(
        assignment=line,
        period_start=date(2020, 4, 1),
        period_end=date(2020, 6, 30),
        period_label="2020年第二季度",
        status=status,
        review_state=ReviewState.ACCEPTED,
    )


@pytest.fixture
def u2_lines(scene):
    """U2: its own (lead) line on task 2 due and not done; its cooperating line on task 1, due and done."""
    t1 = scene.plan.tasks.order_by("order").first()
    scene.line2.deadline = date(2020, 6, 30)
    scene.line2.save()
    co_line = make_assignment(task=t1, unit=scene.u2, role=CO, deadline=date(2020, 6, 30))
    done(co_line)
    done(scene.line2, status="in_progress")
    return co_line


def test_equal_weights_count_every_line_once(scene, u2_lines):
    found = metrics.task_completion(scope(scene))
    assert found[scene.u2.pk] == {"numerator": 1, "denominator": 2, "rate": 0.5}


def test_a_half_weight_cooperating_line_lowers_a_unit_that_did_only_its_cooperating_part(scene, u2_lines):
    found = metrics.task_completion(scope(scene, lead=1, co=0.5))[scene.u2.pk]
    assert found == {"numerator": 0.5, "denominator": 1.5, "rate": 0.3333}
    assert leaf_outcome(Metric.TASK_COMPLETION, found, Decimal(60), {}) == (Decimal("20.00"), "rate")


def test_a_zero_weight_leaves_cooperating_milestones_out_of_on_time(scene, u2_lines):
    make_milestone(assignment=u2_lines, due_date=date(2020, 5, 1))  # missed, cooperating
    make_milestone(assignment=scene.line2, due_date=date(2020, 5, 1), done_date=date(2020, 4, 1))
    assert metrics.on_time(scope(scene))[scene.u2.pk]["rate"] == 0.5
    assert metrics.on_time(scope(scene, co=0))[scene.u2.pk]["rate"] == 1.0


def test_the_version_weights_reach_the_computed_score(scene, u2_lines):
    version = scene.version
    StandardVersion.objects.filter(pk=version.pk).update(lead_weight=Decimal(2), co_weight=Decimal(1))
    scene.version.refresh_from_db()
    a = create(scene)
    a = services.assessment_compute(actor=scene.office, assessment=a, expected_version=a.version)
    score = leaf_scores(a, scene.u2)["1.1"]
    assert score.measured == {"numerator": 1, "denominator": 3, "rate": 0.3333}
    assert score.computed == Decimal("20.00")  # 60 × 1/3


def _lookback(scene):
    return LookBack.objects.create(
        region=scene.region, title="回头看", closed_before=date(2019, 12, 31), seed=1, created_by=scene.office
    )


def test_relapses_count_the_units_relapses_rechecked_within_the_year(scene):
    batch = _lookback(scene)
    closed = {
        "state": RectState.CLOSED,
        "closed_by": scene.office,
        "closed_at": datetime(2019, 6, 1, tzinfo=TZ),
    }

    def entry(checked_on, result):
        item = make_rectification(unit=scene.u1, **closed)
        return LookBackEntry.objects.create(
            lookback=batch, unit=scene.u1, item=item, result=result, checked_on=checked_on,
            checker=scene.office, note="复查",
        )  # fmt: skip

    entry(date(2020, 6, 1), Recheck.RELAPSED)
    entry(date(2020, 7, 1), Recheck.HELD)
    entry(date(2021, 1, 5), Recheck.RELAPSED)  # 2021: not this year's
    LookBackEntry.objects.create(lookback=batch, unit=scene.u1, line=scene.line1)  # not re-checked yet
    found = metrics.measure([Metric.RELAPSES], scope(scene))[Metric.RELAPSES]
    assert found[scene.u1.pk] == {"count": 1, "rechecked": 2}
    assert found[scene.u2.pk] == {"count": 0, "rechecked": 0}
    assert leaf_outcome(Metric.RELAPSES, found[scene.u1.pk], Decimal(10), {"per_item": 3}) == (
        Decimal("7.00"),
        "deduct",
    )
    # U2 was not re-checked: the indicator does not apply to it (as findings for a unit not inspected)
    assert leaf_outcome(Metric.RELAPSES, found[scene.u2.pk], Decimal(10), {"per_item": 3}) == (
        None,
        "not_rechecked",
    )
    held = {"count": 0, "rechecked": 2}
    assert leaf_outcome(Metric.RELAPSES, held, Decimal(10), {"per_item": 3}) == (Decimal(10), "deduct")


def test_cooperation_is_the_mean_rating_of_the_year_as_a_fraction(scene):
    t1, _t2, t3, _t4 = scene.plan.tasks.order_by("order")
    make_assignment(task=t3, unit=scene.u1)
    co1 = make_assignment(task=t1, unit=scene.u2, role=CO)
    co3 = make_assignment(task=t3, unit=scene.u2, role=CO)
    rate = {"by": scene.liaison1}
    CooperationRating.objects.create(line=co1, year=2020, rating=4, **rate)
    CooperationRating.objects.create(line=co3, year=2020, rating=3, **rate)
    CooperationRating.objects.create(line=co3, year=2019, rating=1, **rate)  # another year
    found = metrics.measure([Metric.COOPERATION], scope(scene))[Metric.COOPERATION]
    assert found[scene.u2.pk] == {"numerator": 7, "denominator": 10, "rate": 0.7}
    assert found[scene.u1.pk]["denominator"] == 0  # never rated: the indicator does not apply
    assert leaf_outcome(Metric.COOPERATION, found[scene.u2.pk], Decimal(10), {}) == (Decimal("7.00"), "rate")
    assert leaf_outcome(Metric.COOPERATION, found[scene.u1.pk], Decimal(10), {}) == (None, "none_due")
