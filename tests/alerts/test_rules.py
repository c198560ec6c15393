"""Each rule raises its warning on the threshold day and not the day before (notice at day 1, yellow, red
from the settings' thresholds), and stops raising it when the data changes."""

from datetime import date, timedelta

import pytest

from taizhang.alerts.rules import (
    last_due_period,
    milestone_overdue,
    order_unanswered,
    rectification_overdue,
    report_missing,
    report_returned,
)
from taizhang.ledger.models import Assignment
from taizhang.plans.models import Plan
from taizhang.reports.models import ReportStep, ReviewState
from taizhang.supervision.models import RecipientState
from tests.alerts.helpers import line
from tests.factories import make_milestone, make_order, make_rectification, make_report

pytestmark = pytest.mark.django_db
DUE = date(2021, 5, 10)


def _levels(specs) -> dict[str, str]:
    return {spec.key: spec.level for spec in specs}


@pytest.mark.parametrize(
    ("days", "level"), [(0, None), (1, "notice"), (14, "notice"), (15, "yellow"), (29, "yellow"), (30, "red")]
)
def test_a_milestone_warns_from_the_day_after_its_due_date_and_escalates(city, days, level):
    milestone = make_milestone(assignment=line(city), due_date=DUE, title="完成自查")
    specs = milestone_overdue(today=DUE + timedelta(days=days))
    assert _levels(specs).get(f"milestone:{milestone.pk}") == level


def test_a_milestone_warning_carries_what_raised_it(city):
    milestone = make_milestone(assignment=line(city), due_date=DUE, title="完成自查")
    (spec,) = milestone_overdue(today=date(2021, 5, 25))
    assert (spec.unit_id, spec.region_id, spec.assignment_id) == (city.a.pk, city.region.pk, line(city).pk)
    assert spec.evidence == {
        "milestone_id": milestone.pk,
        "milestone": "完成自查",
        "due_date": "2021-05-10",
        "since": "2021-05-10",
    }
    assert "完成自查" in spec.summary and "2021-05-10" in spec.summary


def test_a_done_milestone_a_completed_line_or_a_draft_plan_raises_nothing(city):
    done = make_milestone(assignment=line(city), due_date=DUE, done_date=DUE)
    assert milestone_overdue(today=date(2021, 6, 30)) == [] and done.done_date
    make_milestone(assignment=line(city), due_date=DUE)
    Assignment.objects.filter(pk=line(city).pk).update(latest_accepted_status="done")
    assert milestone_overdue(today=date(2021, 6, 30)) == []
    Assignment.objects.filter(pk=line(city).pk).update(latest_accepted_status="")
    Plan.objects.filter(pk=city.plan.pk).update(status=Plan.Status.DRAFT)
    assert milestone_overdue(today=date(2021, 6, 30)) == []


def test_a_line_past_its_deadline_warns_as_a_milestone_does(city):
    Assignment.objects.filter(pk=line(city).pk).update(deadline=DUE)
    assert _levels(milestone_overdue(today=DUE)) == {}
    assert _levels(milestone_overdue(today=DUE + timedelta(days=1))) == {
        f"deadline:{line(city).pk}": "notice"
    }


def test_the_last_due_period_turns_the_day_after_the_grace_days():
    assert last_due_period(date(2021, 7, 10), "quarter").label == "2021年第一季度"
    assert last_due_period(date(2021, 7, 11), "quarter").label == "2021年第二季度"


def _sent(assignment, start: date, end: date, label: str, state=ReviewState.SUBMITTED):
    return make_report(
        assignment=assignment, period_start=start, period_end=end, period_label=label, review_state=state
    )


def test_reports_missing_count_the_periods_since_publication_in_a_row(city):
    key = f"line:{line(city).pk}"
    assert key not in _levels(report_missing(today=date(2021, 7, 10)))  # Q2 due on the 10th
    assert _levels(report_missing(today=date(2021, 7, 11)))[key] == "notice"  # Q1 ended before publication
    assert _levels(report_missing(today=date(2021, 10, 10)))[key] == "notice"
    assert _levels(report_missing(today=date(2021, 10, 11)))[key] == "yellow"
    (spec,) = [s for s in report_missing(today=date(2022, 1, 11)) if s.key == key]
    assert spec.level == "red"
    assert spec.evidence["periods"] == ["2021年第四季度", "2021年第三季度", "2021年第二季度"]


def test_a_report_sent_ends_the_run_and_a_draft_does_not(city):
    key = f"line:{line(city).pk}"
    _sent(line(city), date(2021, 7, 1), date(2021, 9, 30), "2021年第三季度")
    _sent(line(city), date(2021, 10, 1), date(2021, 12, 31), "2021年第四季度", state=ReviewState.DRAFT)
    (spec,) = [s for s in report_missing(today=date(2022, 1, 11)) if s.key == key]
    assert (spec.level, spec.evidence["periods"]) == ("notice", ["2021年第四季度"])
    _sent(line(city), date(2022, 1, 1), date(2022, 3, 31), "2022年第一季度")  # early, for a later period
    assert _levels(report_missing(today=date(2022, 1, 11)))[key] == "notice"


def test_a_report_sent_for_the_last_period_clears_the_line(city):
    _sent(line(city), date(2021, 4, 1), date(2021, 6, 30), "2021年第二季度", state=ReviewState.ACCEPTED)
    assert f"line:{line(city).pk}" not in _levels(report_missing(today=date(2021, 7, 11)))


def _returned(city, times: int, state=ReviewState.RETURNED):
    report = _sent(line(city), date(2021, 4, 1), date(2021, 6, 30), "2021年第二季度", state=state)
    for _ in range(times):
        ReportStep.objects.create(
            report=report, from_state="submitted", to_state="returned", actor=city.head_a, reason="不具体"
        )
    return report


@pytest.mark.parametrize(("times", "level"), [(0, None), (1, "notice"), (2, "yellow"), (3, "red")])
def test_a_report_returned_again_and_again_escalates(city, times, level):
    report = _returned(city, times)
    assert _levels(report_returned(today=DUE)).get(f"report:{report.pk}") == level


def test_an_accepted_report_raises_no_return_warning(city):
    _returned(city, 3, state=ReviewState.ACCEPTED)
    assert report_returned(today=DUE) == []


def test_an_order_unanswered_warns_the_day_after_its_deadline_until_a_reply_is_given(city):
    order = make_order(units=[city.a], deadline=DUE, title="督办自查")
    reply = order.recipients.get()
    assert order_unanswered(today=DUE) == []
    assert _levels(order_unanswered(today=DUE + timedelta(days=1))) == {f"order:{reply.pk}": "notice"}
    assert _levels(order_unanswered(today=DUE + timedelta(days=7))) == {f"order:{reply.pk}": "yellow"}
    assert _levels(order_unanswered(today=DUE + timedelta(days=15))) == {f"order:{reply.pk}": "red"}
    type(reply).objects.filter(pk=reply.pk).update(state=RecipientState.REPLIED, replied_at=order.issued_at)
    assert order_unanswered(today=DUE + timedelta(days=15)) == []


@pytest.mark.parametrize(
    ("state", "raised"),
    [("open", True), ("in_progress", True), ("closeout_requested", False), ("closed", False)],
)
def test_rectification_warns_while_the_unit_still_works_on_an_overdue_item(city, state, raised):
    closed = {"closed_at": city.plan.published_at, "closed_by": city.admin} if state == "closed" else {}
    item = make_rectification(unit=city.a, deadline=DUE, state=state, **closed)
    assert rectification_overdue(today=DUE) == []
    found = _levels(rectification_overdue(today=DUE + timedelta(days=30)))
    assert found == ({f"rectification:{item.pk}": "red"} if raised else {})


def test_a_region_filter_leaves_other_regions_out(city):
    make_rectification(unit=city.x, deadline=DUE)
    make_rectification(unit=city.a, deadline=DUE)
    later = DUE + timedelta(days=1)
    assert {s.region_id for s in rectification_overdue(today=later)} == {city.region.pk, city.other.pk}
    assert {s.region_id for s in rectification_overdue(today=later, region_ids={city.other.pk})} == {
        city.other.pk
    }
