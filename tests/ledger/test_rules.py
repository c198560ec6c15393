"""The traffic light (红黄绿灯) and overdue rule: plain functions of in-memory rows and a given date."""

from datetime import date, timedelta

import pytest

from taizhang.ledger.models import Assignment, Milestone
from taizhang.ledger.rules import Color, LightDay, Thresholds, is_overdue, line_deadline, traffic_light
from taizhang.plans.models import Plan, Task
from taizhang.reports.models import ProgressReport

TODAY = date(2021, 4, 5)
WARN = 7


def _line(deadline=None, task_deadline=None):
    """A line of a plan not published: only its dates count (the rules on reports and decomposition are
    tested on stored lines, tests/ledger/test_light_boundaries.py)."""
    return Assignment(task=Task(plan=Plan(), deadline_date=task_deadline), deadline=deadline)


def _milestone(due, done=None, title="制定方案"):
    return Milestone(title=title, due_date=due, done_date=done)


def _light(line, milestones=(), **kwargs):
    return traffic_light(line, list(milestones), day=LightDay(TODAY, Thresholds(warning_days=WARN)), **kwargs)


def test_a_line_without_dates_is_green():
    light = _light(_line())
    assert light.color == Color.GREEN and light.due is None


def test_green_when_the_nearest_date_is_beyond_the_warning_days():
    light = _light(_line(deadline=TODAY + timedelta(days=WARN + 1)))
    assert light.color == Color.GREEN and light.due == TODAY + timedelta(days=WARN + 1)


def test_yellow_exactly_at_warning_days():
    light = _light(_line(deadline=TODAY + timedelta(days=WARN)))
    assert light.color == Color.YELLOW
    assert "7 天后到期" in light.reason


def test_a_date_due_today_is_yellow_not_red():
    light = _light(_line(), [_milestone(TODAY)])
    assert light.color == Color.YELLOW and "今天到期" in light.reason


def test_red_the_day_after_a_milestone_was_due():
    light = _light(_line(), [_milestone(TODAY - timedelta(days=1), title="召开专题会")])
    assert light.color == Color.RED
    assert "召开专题会" in light.reason and "逾期 1 天" in light.reason


def test_red_when_the_deadline_has_passed():
    light = _light(_line(deadline=TODAY - timedelta(days=3)))
    assert light.color == Color.RED and "完成时限" in light.reason


def test_a_milestone_done_no_longer_counts():
    late_but_done = _milestone(TODAY - timedelta(days=30), done=TODAY - timedelta(days=20))
    assert _light(_line(), [late_but_done]).color == Color.GREEN


def test_the_nearest_open_milestone_decides_yellow():
    milestones = [_milestone(TODAY + timedelta(days=60)), _milestone(TODAY + timedelta(days=2), title="近期")]
    light = _light(_line(deadline=TODAY + timedelta(days=90)), milestones)
    assert light.color == Color.YELLOW and "近期" in light.reason


def test_red_wins_over_yellow():
    milestones = [_milestone(TODAY + timedelta(days=1)), _milestone(TODAY - timedelta(days=1))]
    assert _light(_line(), milestones).color == Color.RED


def test_reason_counts_several_overdue_dates():
    milestones = [_milestone(TODAY - timedelta(days=5)), _milestone(TODAY - timedelta(days=1))]
    light = _light(_line(), milestones)
    assert "等 2 项" in light.reason and light.due == TODAY - timedelta(days=5)


def test_a_completed_line_is_done_even_with_dates_passed():
    line = _line(deadline=TODAY - timedelta(days=10))
    line.latest_accepted_status = ProgressReport.Status.DONE
    light = _light(line, [_milestone(TODAY - timedelta(days=20))])
    assert light.color == Color.DONE
    assert not is_overdue(line, [], today=TODAY, completed=True)


def test_the_task_deadline_stands_in_for_a_missing_line_deadline():
    line = _line(task_deadline=TODAY - timedelta(days=1))
    assert line_deadline(line) == TODAY - timedelta(days=1)
    assert _light(line).color == Color.RED


@pytest.mark.parametrize(
    ("due", "overdue"),
    [(TODAY - timedelta(days=1), True), (TODAY, False), (TODAY + timedelta(days=1), False)],
)
def test_overdue_means_an_open_date_before_today(due, overdue):
    assert is_overdue(_line(), [_milestone(due)], today=TODAY) is overdue
    assert is_overdue(_line(deadline=due), [], today=TODAY) is overdue


def test_a_zero_warning_setting_turns_yellow_only_on_the_day():
    line = _line(deadline=TODAY + timedelta(days=1))
    zero = Thresholds(warning_days=0)
    assert traffic_light(line, [], day=LightDay(TODAY, zero)).color == Color.GREEN
    assert traffic_light(line, [], day=LightDay(TODAY + timedelta(days=1), zero)).color == Color.YELLOW
