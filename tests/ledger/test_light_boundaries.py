"""Each rule of the traffic light on the day before, on and after its boundary, and the SQL of
``ledger.lights`` agreeing with the Python rule (``assignment_light``) line by line on each of those days.

A quarterly plan published on 15 January 2021; reports due 10 days after a quarter ends (Q1 on 10 April,
Q2 on 10 July); 30 days to decompose (the last green day 14 February). Lines differ in what they decomposed,
what they reported, when they were created and their deadline."""

import itertools
from datetime import date, datetime, time, timedelta

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from taizhang.ledger.lights import Progress, annotate_lines
from taizhang.ledger.models import Assignment, Milestone
from taizhang.ledger.rules import Cause, Color
from taizhang.ledger.selectors import assignment_light, assignment_list
from taizhang.plans.models import Plan
from taizhang.reports.latest import latest_accepted_refresh
from taizhang.reports.models import ProgressReport, ReviewState
from taizhang.units.models import Unit
from tests.factories import make_plan, make_region, make_user

pytestmark = pytest.mark.django_db

Status = ProgressReport.Status
PUBLISHED = date(2021, 1, 15)
Q1 = (date(2021, 1, 1), date(2021, 3, 31))
Q2 = (date(2021, 4, 1), date(2021, 6, 30))
Q3 = (date(2021, 7, 1), date(2021, 9, 30))
DECOMPOSE_LAST = date(2021, 2, 14)  # 15 January + 30 days
Q1_DUE, Q2_DUE = date(2021, 4, 10), date(2021, 7, 10)
DEADLINE = date(2021, 8, 20)


def _around(day):
    return [day - timedelta(days=1), day, day + timedelta(days=1)]


DAYS = [
    *_around(DECOMPOSE_LAST),
    *_around(Q1_DUE),
    *_around(Q2_DUE),
    *_around(DEADLINE - timedelta(days=7)),  # 7: TAIZHANG_WARNING_DAYS
    *_around(DEADLINE),
]

DECOMPOSED = {  # (责任人, a milestone)
    "both": (True, True),
    "persons only": (True, False),
    "milestone only": (False, True),
    "neither": (False, False),
}
REPORTS = {  # (period, status, review state)
    "none": [],
    "Q1 draft": [(Q1, Status.IN_PROGRESS, ReviewState.DRAFT)],
    "Q1 submitted": [(Q1, Status.IN_PROGRESS, ReviewState.SUBMITTED)],
    "Q2 returned, Q1 missing": [(Q2, Status.IN_PROGRESS, ReviewState.RETURNED)],
    "Q3 early, nothing due sent": [(Q3, Status.IN_PROGRESS, ReviewState.SUBMITTED)],
    "Q1 accepted 未按期完成": [(Q1, Status.OVERDUE, ReviewState.ACCEPTED)],
    "Q1 accepted 已完成": [(Q1, Status.DONE, ReviewState.ACCEPTED)],
}
CREATED = {"with the plan": date(2021, 1, 10), "added 1 May": date(2021, 5, 1)}
DEADLINES = {"none": None, "20 August": DEADLINE}


def _aware(day):
    return timezone.make_aware(datetime.combine(day, time(9)))


def _build():
    """One line per combination; the line's name → its id."""
    region = make_region()
    plan = make_plan(region=region, sections=1, tasks_per_section=1, report_cadence=Plan.Cadence.QUARTER)
    Plan.objects.filter(pk=plan.pk).update(published_at=_aware(PUBLISHED))
    task = plan.tasks.get()
    combos = list(itertools.product(DECOMPOSED, REPORTS, CREATED, DEADLINES))
    units = Unit.objects.bulk_create(
        Unit(region=region, name=f"单位{i}", kind=Unit.Kind.GOVERNMENT, order=i) for i in range(len(combos))
    )
    names, milestones, reports = {}, [], []
    for unit, (dec, rep, created, deadline) in zip(units, combos, strict=True):
        persons, milestone = DECOMPOSED[dec]
        line = Assignment.objects.create(
            task=task,
            unit=unit,
            role=Assignment.Role.LEAD,
            deadline=DEADLINES[deadline],
            responsible_persons=["张三"] if persons else [],
        )
        Assignment.objects.filter(pk=line.pk).update(created_at=_aware(CREATED[created]))
        names[line.pk] = (dec, rep, created, deadline)
        if milestone:
            milestones.append(Milestone(assignment=line, title="全面落实", due_date=date(2021, 12, 1)))
        for (start, end), status, state in REPORTS[rep]:
            reports.append(
                ProgressReport(
                    assignment=line,
                    period_start=start,
                    period_end=end,
                    period_label=str(start),
                    status=status,
                    review_state=state,
                )
            )
    Milestone.objects.bulk_create(milestones)
    ProgressReport.objects.bulk_create(reports)
    latest_accepted_refresh(lines=list(names))
    return plan, make_user(role="office_admin", region=region), names


def _both(plan, office, names, day):
    """Line name → (the Python light, the SQL row) on ``day``."""
    rows = annotate_lines(Assignment.objects.filter(task__plan=plan), today=day).values(
        "pk", "light", "light_cause", "first_open", "progress"
    )
    sql = {row["pk"]: row for row in rows}
    return {
        names[line.pk]: (assignment_light(line, today=day), sql[line.pk])
        for line in assignment_list(user=office).filter(task__plan=plan)
    }


@pytest.fixture(scope="module")
def lights(django_db_setup, django_db_blocker):
    """Day → line name → (Python light, SQL row), on every boundary day; and under other thresholds
    (``"strict"``: one missed period red, a year to decompose) the day after Q1's report was due. Built and
    read once, in a transaction rolled back at the end: the tests only look at the results."""
    with django_db_blocker.unblock(), transaction.atomic():
        plan, office, names = _build()
        found = {day: _both(plan, office, names, day) for day in DAYS}
        strict = {
            "TAIZHANG_LIGHT_MISSED_YELLOW": 1,
            "TAIZHANG_LIGHT_MISSED_RED": 1,
            "TAIZHANG_LIGHT_DECOMPOSE_DAYS": 365,
        }
        with override_settings(**strict):
            found["strict"] = _both(plan, office, names, Q1_DUE + timedelta(days=1))
        transaction.set_rollback(True)
    return found


def test_sql_and_python_agree_on_every_line_on_every_boundary_day(lights):
    seen = set()
    for day, by_line in lights.items():
        for name, (light, row) in by_line.items():
            assert (row["light"], row["light_cause"]) == (light.color, light.cause), (day, name, light.reason)
            if light.color != Color.DONE:
                assert row["first_open"] == light.due, (day, name)
            assert (row["progress"] == Progress.OVERDUE) == (light.color == Color.RED), (day, name)
            seen.add(light.cause)
    assert seen == {"", *Cause.values}  # every rule decided some line on some day


def _light(lights, day, dec="both", rep="Q1 submitted", created="with the plan", deadline="none"):
    return lights[day][dec, rep, created, deadline][0]


def test_not_decomposed_turns_yellow_the_day_after_the_days_allowed(lights):
    before, on, after = _around(DECOMPOSE_LAST)
    for dec in ("persons only", "milestone only", "neither"):
        assert _light(lights, before, dec).color == Color.GREEN
        assert _light(lights, on, dec).color == Color.GREEN
        light = _light(lights, after, dec)
        assert (light.color, light.cause) == (Color.YELLOW, Cause.UNDECOMPOSED)
        assert "尚未分解" in light.reason
    assert _light(lights, after, "both").color == Color.GREEN


def test_a_line_added_later_counts_its_days_to_decompose_from_its_creation(lights):
    assert _light(lights, Q1_DUE + timedelta(days=1), "neither", "Q1 submitted", "added 1 May").color == (
        Color.GREEN
    )


def test_one_period_missed_turns_yellow_the_day_after_its_report_was_due(lights):
    before, on, after = _around(Q1_DUE)
    assert _light(lights, before, rep="none").color == Color.GREEN
    assert _light(lights, on, rep="none").color == Color.GREEN
    light = _light(lights, after, rep="none")
    assert (light.color, light.cause) == (Color.YELLOW, Cause.MISSED)
    assert "1 期未报送进展" in light.reason and "2021-04-10" in light.reason
    # a draft is not sent; a report for a later period does not stand in for the one due
    assert _light(lights, after, rep="Q1 draft").cause == Cause.MISSED
    assert _light(lights, after, rep="Q3 early, nothing due sent").cause == Cause.MISSED
    assert _light(lights, after, rep="Q1 submitted").color == Color.GREEN


def test_two_periods_missed_turn_red_the_day_after_the_second_was_due(lights):
    before, on, after = _around(Q2_DUE)
    assert _light(lights, on, rep="none").color == Color.YELLOW
    light = _light(lights, after, rep="none")
    assert (light.color, light.cause) == (Color.RED, Cause.MISSED)
    assert "连续 2 期未报送进展" in light.reason
    # Q1 sent, Q2 not: one missed, yellow; Q2 sent (even returned) after a missed Q1: none missed in a row
    assert _light(lights, after, rep="Q1 submitted").color == Color.YELLOW
    assert _light(lights, after, rep="Q2 returned, Q1 missing").color == Color.GREEN
    # a line created on 1 May owes Q2 only: one missed, yellow
    assert _light(lights, after, rep="none", created="added 1 May").color == Color.YELLOW
    assert _light(lights, before, rep="none").color == Color.YELLOW


def test_a_new_plan_never_decomposed_nor_reported_is_not_green(lights):
    """The issue's case: 126 of 127 lines of a new plan were green."""
    assert _light(lights, DECOMPOSE_LAST + timedelta(days=1), "neither", "none").color == Color.YELLOW
    light = _light(lights, Q2_DUE + timedelta(days=1), "neither", "none")
    assert light.color == Color.RED
    assert [r.cause for r in light.reasons] == [Cause.MISSED, Cause.UNDECOMPOSED]  # the most serious first
    assert light.reason.index("未报送") < light.reason.index("尚未分解")


def test_a_line_reported_未按期完成_is_red_from_the_day_it_is_accepted(lights):
    for day in DAYS:
        light = _light(lights, day, rep="Q1 accepted 未按期完成")
        assert light.color == Color.RED and light.cause == Cause.REPORTED_LATE
    assert "未按期完成" in _light(lights, DAYS[0], rep="Q1 accepted 未按期完成").reason


def test_reported_done_wins_over_every_rule(lights):
    for day in DAYS:
        assert _light(lights, day, "neither", "Q1 accepted 已完成", deadline="20 August").color == Color.DONE


def test_the_deadline_rules_are_as_before(lights):
    before, on, after = _around(DEADLINE - timedelta(days=7))
    assert _light(lights, before, rep="Q2 returned, Q1 missing", deadline="20 August").color == Color.GREEN
    light = _light(lights, on, rep="Q2 returned, Q1 missing", deadline="20 August")
    assert (light.color, light.cause) == (Color.YELLOW, Cause.DUE_SOON)
    assert _light(lights, after, rep="Q2 returned, Q1 missing", deadline="20 August").color == Color.YELLOW
    before, on, after = _around(DEADLINE)
    assert _light(lights, on, rep="Q2 returned, Q1 missing", deadline="20 August").color == Color.YELLOW
    light = _light(lights, after, rep="Q2 returned, Q1 missing", deadline="20 August")
    assert (light.color, light.cause) == (Color.RED, Cause.LATE)
    assert "完成时限已逾期 1 天" in light.reason


def test_the_thresholds_are_settings(lights):
    for name, (light, row) in lights["strict"].items():
        assert (row["light"], row["light_cause"]) == (light.color, light.cause), name
    light = lights["strict"]["neither", "none", "with the plan", "none"][0]
    assert (light.color, [r.cause for r in light.reasons]) == (Color.RED, [Cause.MISSED])
