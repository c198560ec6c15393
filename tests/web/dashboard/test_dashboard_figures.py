"""The dashboard's numbers against the hand-counted ledger of ``ledger4`` (see conftest.py)."""

from datetime import date

import pytest
from django.urls import reverse

from taizhang.dashboard.selectors import plan_dashboard

pytestmark = pytest.mark.django_db


def _page(client, user, plan):
    client.force_login(user)
    response = client.get(reverse("dashboard", kwargs={"plan_id": plan.pk}))
    assert response.status_code == 200
    return response


def test_four_lines_one_done_one_overdue_make_25_per_cent_done_and_1_overdue(client, ledger4):
    figures = _page(client, ledger4.leader, ledger4.plan).context["dashboard"]
    assert (figures.tasks, figures.split.lines, figures.units) == (4, 4, 2)
    assert figures.split.completed == 1 and figures.split.rate == 25.0
    assert figures.split.overdue == 1


def test_headline_figures_are_printed(client, ledger4):
    html = _page(client, ledger4.leader, ledger4.plan).content.decode()
    assert 'data-figure="tasks">4<' in html
    assert 'data-figure="lines">4<' in html
    assert 'data-figure="rate">25.0%<' in html
    assert 'data-figure="overdue">1<' in html
    assert 'data-figure="due">4<' in html and "2021年第二季度" in html and "2021-07-10" in html
    assert 'data-figure="on-time">25.0%<' in html


def test_each_line_falls_in_exactly_one_progress_bucket_by_section(ledger4, today):
    figures = plan_dashboard(user=ledger4.leader, plan=ledger4.plan, today=today)
    first, second = figures.sections
    assert (first.label, first.title) == ("一", "一、第1部分")

    def buckets(split):
        return split.done, split.overdue, split.in_progress, split.not_started

    assert buckets(first.split) == (1, 1, 0, 0)
    assert buckets(second.split) == (0, 0, 1, 1)


def test_units_are_ranked_by_lines_with_their_completion_rate(ledger4, today):
    figures = plan_dashboard(user=ledger4.leader, plan=ledger4.plan, today=today)
    rows = [(g.label, g.split.lines, g.split.rate, g.split.overdue) for g in figures.top_units]
    assert rows == [("市发改委", 2, 50.0, 1), ("市财政局", 2, 0.0, 0)]


def test_traffic_lights_are_counted_by_the_ledger_rules(ledger4, today):
    figures = plan_dashboard(user=ledger4.leader, plan=ledger4.plan, today=today)
    assert figures.lights == {"done": 1, "red": 1, "yellow": 1, "green": 1}


def test_overdue_list_names_unit_task_deadline_and_days(client, ledger4):
    response = _page(client, ledger4.leader, ledger4.plan)
    ((line, url),) = response.context["overdue"]
    assert url == reverse("task_detail", kwargs={"task_id": ledger4.overdue.task_id})
    assert (line.unit, line.task_id, line.deadline, line.days) == (
        "市发展和改革委员会",
        ledger4.overdue.task_id,
        date(2021, 6, 30),
        5,
    )
    html = response.content.decode()
    assert "2021-06-30" in html and '<span class="light light-red">5</span>' in html
    assert ledger4.overdue.task.text in html


def test_a_missed_milestone_is_overdue_from_its_own_date(ledger4, today):
    from tests.factories import make_milestone

    make_milestone(assignment=ledger4.idle, title="召开专题会", due_date=date(2021, 6, 1))
    figures = plan_dashboard(user=ledger4.leader, plan=ledger4.plan, today=today)
    assert figures.split.overdue == 2
    first = figures.overdue[0]
    assert (first.assignment_id, first.overdue_since, first.deadline, first.days) == (
        ledger4.idle.pk,
        date(2021, 6, 1),
        None,
        34,
    )


def test_ongoing_counts_as_done_for_the_rate_but_keeps_its_light(ledger4, today):
    from taizhang.reports.models import ProgressReport, ReviewState
    from tests.factories import make_report

    make_report(
        assignment=ledger4.idle,
        period_start=date(2021, 1, 1),
        period_end=date(2021, 3, 31),
        period_label="2021年第一季度",
        status=ProgressReport.Status.ONGOING,
        review_state=ReviewState.ACCEPTED,
    )
    figures = plan_dashboard(user=ledger4.leader, plan=ledger4.plan, today=today)
    assert figures.split.completed == 2 and figures.split.rate == 50.0
    assert figures.lights["done"] == 1  # only 已完成 turns the light to done, as on the ledger


def test_a_plan_without_lines_shows_dashes_not_errors(client, ledger4):
    from tests.factories import make_plan

    empty = make_plan(region=ledger4.region, sections=1, tasks_per_section=1)
    html = _page(client, ledger4.leader, empty).content.decode()
    assert 'data-figure="rate">—<' in html
    assert "没有逾期事项" in html


def test_the_page_and_its_chart_labels_follow_the_english_switch(client, ledger4):
    import json
    import re

    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = _page(client, ledger4.leader, ledger4.plan).content.decode()
    assert "<h1>Dashboard</h1>" in html and "Completion by section" in html and "Days overdue" in html
    data = json.loads(re.search(r'id="dashboard-data" type="application/json">(.*?)</script>', html).group(1))
    assert data["locale"] == "EN"
    assert [p["name"] for p in data["progress"]] == ["Done", "In progress", "Not started", "Overdue"]
    assert [light["name"] for light in data["lights"]] == ["Red", "Yellow", "Green", "Done"]


def test_a_long_overdue_list_shows_the_longest_overdue_and_links_the_ledger(client, ledger4, monkeypatch):
    from taizhang.dashboard import selectors
    from tests.factories import make_milestone

    monkeypatch.setattr(selectors, "OVERDUE_LIST_MAX", 1)
    make_milestone(assignment=ledger4.idle, due_date=date(2021, 5, 1))
    response = _page(client, ledger4.leader, ledger4.plan)
    ((line, _url),) = response.context["overdue"]
    assert line.assignment_id == ledger4.idle.pk  # overdue since 1 May, before the other's 30 June
    html = response.content.decode()
    assert "逾期最久的 1 条（共 2 条）" in html
    assert f'href="{reverse("plan_ledger", kwargs={"plan_id": ledger4.plan.pk})}?overdue=1"' in html


def test_lines_set_up_with_the_plan_are_judged_on_reports_and_decomposition_too(client, ledger4):
    """With the lines made when the plan was published (January): the idle line owes Q1's report (due 10
    April) and was never decomposed — yellow; a line whose accepted report says 未按期完成 is red and listed
    after the line whose deadline passed, with its cause instead of days."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from taizhang.ledger.models import Assignment
    from taizhang.reports.latest import latest_accepted_refresh
    from taizhang.reports.models import ProgressReport

    lines = Assignment.objects.filter(task__plan=ledger4.plan)
    lines.update(created_at=datetime(2021, 1, 4, tzinfo=ZoneInfo("UTC")))
    ProgressReport.objects.filter(assignment=ledger4.started).update(status=ProgressReport.Status.OVERDUE)
    latest_accepted_refresh(lines=[ledger4.started.pk])
    response = _page(client, ledger4.leader, ledger4.plan)
    figures = response.context["dashboard"]
    assert figures.lights == {"done": 1, "red": 2, "yellow": 1, "green": 0}
    late, reported = figures.overdue
    assert (late.assignment_id, late.days) == (ledger4.overdue.pk, 5)
    assert (reported.assignment_id, reported.days, reported.cause) == (
        ledger4.started.pk,
        None,
        "报告未按期完成",
    )
    assert '<span class="light light-red">报告未按期完成</span>' in response.content.decode()
