"""Each automatic metric against data counted by hand: the 2020 assessment run on 1 March 2021 (cut-off
31 December 2020), U1 and U2 of the scene, its quarterly plan published on 5 January 2020."""

from datetime import date, datetime
from decimal import Decimal

from taizhang.assessment import metrics
from taizhang.assessment.models import Metric
from taizhang.assessment.scoring import leaf_computed, leaf_outcome
from taizhang.dashboard.reporting import report_figures
from taizhang.inspections.models import Finding, Inspection
from taizhang.reports.models import ProgressReport, ReportStep, ReviewState
from taizhang.supervision.models import SupervisionOrder
from tests.assessment.scene import TZ
from tests.factories import (
    make_assignment,
    make_finding,
    make_inspection,
    make_milestone,
    make_order,
    make_rectification,
    make_report,
)

Q = {
    1: (date(2020, 1, 1), date(2020, 3, 31), "2020年第一季度"),
    2: (date(2020, 4, 1), date(2020, 6, 30), "2020年第二季度"),
    3: (date(2020, 7, 1), date(2020, 9, 30), "2020年第三季度"),
    4: (date(2020, 10, 1), date(2020, 12, 31), "2020年第四季度"),
    5: (date(2021, 1, 1), date(2021, 3, 31), "2021年第一季度"),
}


def report(line, quarter, **fields):
    start, end, label = Q[quarter]
    return make_report(assignment=line, period_start=start, period_end=end, period_label=label, **fields)


def measure(scene, metric, year=2020):
    scope = metrics.Scope(
        year=year,
        unit_ids=frozenset({scene.u1.pk, scene.u2.pk}),
        plan_ids=frozenset({scene.plan.pk}),
        today=date(2021, 3, 1),
    )
    found = metrics.measure([metric], scope)[metric]
    return found[scene.u1.pk], found[scene.u2.pk]


def tasks(scene):
    return list(scene.plan.tasks.order_by("order"))


def test_task_completion_counts_lines_due_by_the_cutoff_done_by_an_accepted_report_of_the_year(scene):
    _t1, t2, t3, t4 = tasks(scene)
    scene.line1.deadline = date(2020, 6, 30)
    scene.line1.save()
    report(scene.line1, 2, status="done", review_state=ReviewState.ACCEPTED)
    late_line = make_assignment(task=t3, unit=scene.u1, deadline=date(2020, 9, 30))
    report(late_line, 3, status="in_progress", review_state=ReviewState.ACCEPTED)
    report(late_line, 5, status="done", review_state=ReviewState.ACCEPTED)  # 2021: too late for 2020
    make_assignment(task=t4, unit=scene.u1, deadline=date(2021, 6, 30))  # not due in 2020
    t2.deadline_date = date(2020, 11, 30)  # U2's line takes its task's deadline
    t2.save()
    report(scene.line2, 4, status="ongoing", review_state=ReviewState.ACCEPTED)
    u1, u2 = measure(scene, Metric.TASK_COMPLETION)
    assert u1 == {"numerator": 1, "denominator": 2, "rate": 0.5}
    assert u2 == {"numerator": 1, "denominator": 1, "rate": 1.0}
    assert leaf_computed(Metric.TASK_COMPLETION, u1, Decimal(60), {}) == Decimal("30.00")


def test_on_time_counts_milestones_due_in_the_year_done_by_their_date(scene):
    make_milestone(assignment=scene.line1, due_date=date(2020, 3, 31), done_date=date(2020, 3, 30))
    make_milestone(assignment=scene.line1, due_date=date(2020, 6, 30), done_date=date(2020, 7, 5))
    make_milestone(assignment=scene.line1, due_date=date(2020, 9, 30))
    make_milestone(assignment=scene.line1, due_date=date(2021, 2, 1))
    u1, u2 = measure(scene, Metric.ON_TIME)
    assert u1 == {"numerator": 1, "denominator": 3, "rate": 0.3333}
    assert u2 == {"numerator": 0, "denominator": 0, "rate": None}
    assert leaf_computed(Metric.ON_TIME, u1, Decimal(10), {}) == Decimal("3.33")
    assert leaf_outcome(Metric.ON_TIME, u2, Decimal(10), {}) == (None, "none_due")  # not full: left out


def test_report_timeliness_expects_a_report_a_line_and_closed_period_on_time_when_sent_unmarked(scene):
    report(scene.line1, 1, review_state=ReviewState.SUBMITTED)
    report(scene.line1, 2, review_state=ReviewState.ACCEPTED, late=True)
    report(scene.line1, 3)  # a draft: missing
    report(scene.line1, 4, review_state=ReviewState.RETURNED)
    report(scene.line1, 5, review_state=ReviewState.SUBMITTED)  # 2021
    u1, u2 = measure(scene, Metric.REPORT_TIMELINESS)
    assert u1 == {"numerator": 2, "denominator": 4, "rate": 0.5}
    assert u2 == {"numerator": 0, "denominator": 4, "rate": 0.0}


def test_report_timeliness_adds_up_to_the_dashboards_figures(scene):
    report(scene.line1, 1, review_state=ReviewState.SUBMITTED)
    report(scene.line1, 2, review_state=ReviewState.ACCEPTED, late=True)
    report(scene.line2, 4, review_state=ReviewState.SUBMITTED)
    lines = scene.plan.tasks.first().assignments.model.objects.filter(task__plan=scene.plan)
    closed, _current = report_figures(
        plan=scene.plan, lines=lines, expected=lines.count(), today=date(2021, 3, 1)
    )
    in_2020 = [f for f in closed if f.period.end.year == 2020]
    u1, u2 = measure(scene, Metric.REPORT_TIMELINESS)
    assert u1["numerator"] + u2["numerator"] == sum(f.on_time for f in in_2020) == 2
    assert u1["denominator"] + u2["denominator"] == sum(f.expected for f in in_2020) == 8


def test_report_timeliness_starts_at_the_first_period_reported_when_before_publication(scene):
    scene.plan.published_at = datetime(2020, 8, 1, tzinfo=TZ)  # Q3; U1 entered Q2's report as history
    scene.plan.save()
    report(scene.line1, 2, review_state=ReviewState.ACCEPTED)
    u1, u2 = measure(scene, Metric.REPORT_TIMELINESS)
    assert (u1["numerator"], u1["denominator"]) == (1, 3)  # Q2, Q3, Q4
    assert u2["denominator"] == 3


def test_returned_reports_counts_every_return_of_the_years_reports(scene):
    first = report(scene.line1, 2, review_state=ReviewState.RETURNED)
    for _ in range(2):
        ReportStep.objects.create(
            report=first, from_state="submitted", to_state="returned", actor=scene.head1, reason="补充"
        )
    ReportStep.objects.create(report=first, from_state="draft", to_state="submitted", actor=scene.liaison1)
    later = report(scene.line1, 5, review_state=ReviewState.RETURNED)
    ReportStep.objects.create(
        report=later, from_state="submitted", to_state="returned", actor=scene.head1, reason="x"
    )
    u1, u2 = measure(scene, Metric.RETURNED_REPORTS)
    assert u1 == {"count": 2, "sent": 1, "owed": 4} and u2 == {"count": 0, "sent": 0, "owed": 4}
    assert leaf_computed(Metric.RETURNED_REPORTS, u1, Decimal(5), {"per_item": 2}) == Decimal("1.00")
    # U2 was never returned because it never sent a report it owed: that earns nothing
    assert leaf_outcome(Metric.RETURNED_REPORTS, u2, Decimal(5), {}) == (Decimal(0), "owed_none_sent")
    assert leaf_computed(Metric.RETURNED_REPORTS, {"count": 9}, Decimal(5), {}) == Decimal("0.00")


def test_findings_count_by_severity_and_a_covert_inspections_only_once_published(scene):
    open_one = make_inspection(units=[scene.u1], start_date=date(2020, 5, 1))
    make_finding(inspection=open_one, unit=scene.u1, severity=Finding.Severity.GENERAL)
    make_finding(inspection=open_one, unit=scene.u1, severity=Finding.Severity.SERIOUS)
    make_finding(inspection=open_one, unit=scene.u1, found_on=date(2021, 1, 5))  # 2021
    covert = make_inspection(
        units=[scene.u1, scene.u2], kind=Inspection.Kind.COVERT, start_date=date(2020, 6, 1)
    )
    make_finding(inspection=covert, unit=scene.u2, severity=Finding.Severity.SEVERE)
    u1, u2 = measure(scene, Metric.FINDINGS)
    assert u1 == {"count": 2, "by_severity": {"general": 1, "serious": 1}, "inspected": 1}
    assert u2 == {"count": 0, "by_severity": {}, "inspected": 0}  # the covert visit is not yet known
    assert leaf_outcome(Metric.FINDINGS, u2, Decimal(10), {}) == (None, "not_inspected")
    covert.state, covert.published_at = Inspection.State.PUBLISHED, datetime(2020, 7, 1, tzinfo=TZ)
    covert.save()
    _, u2 = measure(scene, Metric.FINDINGS)
    assert u2 == {"count": 1, "by_severity": {"severe": 1}, "inspected": 1}
    params = {"per_item": 1, "severity": {"general": 1, "serious": 2}}
    assert leaf_computed(Metric.FINDINGS, u1, Decimal(10), params) == Decimal("7.00")


def test_rectification_on_time_counts_items_due_in_the_year_closed_by_the_deadline(scene):
    closed = {"state": "closed", "closed_by": scene.office}
    make_rectification(
        unit=scene.u1, deadline=date(2020, 6, 30), closed_at=datetime(2020, 6, 30, 23, tzinfo=TZ), **closed
    )
    make_rectification(
        unit=scene.u1, deadline=date(2020, 6, 30), closed_at=datetime(2020, 7, 1, 9, tzinfo=TZ), **closed
    )
    make_rectification(unit=scene.u1, deadline=date(2020, 10, 31))  # never closed
    make_rectification(unit=scene.u1, deadline=date(2021, 2, 1))  # 2021
    u1, u2 = measure(scene, Metric.RECTIFICATION_ON_TIME)
    assert u1 == {"numerator": 1, "denominator": 3, "rate": 0.3333}
    assert u2["denominator"] == 0


def test_orders_on_time_counts_replies_owed_in_the_year_made_by_the_deadline(scene):
    on_time = make_order(units=[scene.u1, scene.u2], deadline=date(2020, 9, 30))
    on_time.recipients.filter(unit=scene.u1).update(
        state="replied", replied_at=datetime(2020, 9, 30, 18, tzinfo=TZ)
    )
    on_time.recipients.filter(unit=scene.u2).update(
        state="replied", replied_at=datetime(2020, 10, 2, tzinfo=TZ)
    )
    make_order(units=[scene.u2], deadline=date(2020, 11, 30))  # never answered
    make_order(
        units=[scene.u1], deadline=date(2020, 11, 30), state=SupervisionOrder.State.DRAFT
    )  # not issued
    u1, u2 = measure(scene, Metric.ORDERS_ON_TIME)
    assert u1 == {"numerator": 1, "denominator": 1, "rate": 1.0}
    assert u2 == {"numerator": 0, "denominator": 2, "rate": 0.0}


def test_a_running_year_is_judged_up_to_yesterday(scene):
    make_rectification(unit=scene.u1, deadline=date(2021, 2, 28))  # yesterday: judged
    make_rectification(unit=scene.u1, deadline=date(2021, 3, 1))  # today: not yet
    u1, _ = measure(scene, Metric.RECTIFICATION_ON_TIME, year=2021)
    assert u1["denominator"] == 1


def test_every_metric_takes_at_most_eighteen_queries_whatever_the_units(scene, django_assert_max_num_queries):
    scope = metrics.Scope(
        year=2020,
        unit_ids=frozenset({scene.u1.pk, scene.u2.pk}),
        plan_ids=frozenset({scene.plan.pk}),
        today=date(2021, 3, 1),
    )
    # one a metric, 报送退回 also counts the reports sent and owed; 满意度, 反弹 and 配合评价 one each
    with django_assert_max_num_queries(18):
        metrics.measure(Metric.values, scope)
    assert ProgressReport.objects.count() == 0
