"""方案台账 of one plan: rows per task, units grouped by role with their lights, filters, search, htmx,
pages, and scope."""

from datetime import date

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.ledger.models import Assignment, Milestone
from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user
from tests.web.ledger.helpers import task_ids, unit_names

pytestmark = pytest.mark.django_db


def _get(client, ledger, who="admin", **params):
    client.force_login(getattr(ledger.town, who) if hasattr(ledger.town, who) else getattr(ledger, who))
    return client.get(reverse("plan_ledger", args=[ledger.plan.pk]), params)


def test_office_sees_every_task_with_lines_and_its_units_grouped_by_role(client, ledger):
    response = _get(client, ledger)
    assert response.status_code == 200
    assert task_ids(response) == [ledger.task_1.pk, ledger.task_2.pk, ledger.task_4.pk]
    first = response.context["rows"][0]
    assert [(group.role, [line.unit.name for line in group.lines]) for group in first.groups] == [
        ("lead", ["市发展和改革委员会"]),
        ("cooperating", ["市财政局"]),
    ]
    assert first.section_path == ["一 第1部分"]
    assert response.context["rows"][2].section_path == ["二 强化监督制约", "一 加强财政监督"]


def test_every_unit_shows_its_light_with_the_reason_as_tooltip(client, ledger):
    html = _get(client, ledger).content.decode()
    assert (
        '<span class="light light-red" title="完成时限已逾期 5 天（应于 2021-06-30 完成）">红灯</span>'
        in html
    )
    assert 'class="light light-yellow" title="完成时限3 天后到期（2021-07-08）">黄灯</span>' in html
    assert 'class="light light-green"' in html


def test_the_latest_sent_report_is_shown_not_another_units_draft(client, ledger):
    first = _get(client, ledger).context["rows"][0]
    lines = {line.unit.name: line for group in first.groups for line in group.lines}
    assert lines["市发展和改革委员会"].latest_report.review_state == "accepted"
    assert lines["市财政局"].latest_report.period_label == "2021年第一季度"  # its Q2 draft is its own


def test_section_filter_takes_the_tasks_under_the_heading_at_any_depth(client, ledger):
    assert task_ids(_get(client, ledger, section=ledger.section_2.pk)) == [ledger.task_4.pk]
    assert task_ids(_get(client, ledger, section=ledger.section_1.pk)) == [ledger.task_1.pk, ledger.task_2.pk]


def test_unit_filter_keeps_that_units_lines_only(client, ledger):
    response = _get(client, ledger, unit=ledger.town.unit_b.pk)
    assert task_ids(response) == [ledger.task_1.pk, ledger.task_2.pk]
    assert unit_names(response) == {"市财政局"}


def test_role_filter_keeps_lines_of_that_role(client, ledger):
    response = _get(client, ledger, role="cooperating")
    assert task_ids(response) == [ledger.task_1.pk]
    assert unit_names(response) == {"市财政局"}


def test_report_status_filter_reads_the_latest_report(client, ledger):
    assert unit_names(_get(client, ledger, status="in_progress")) == {"市发展和改革委员会", "市财政局"}
    assert task_ids(_get(client, ledger, status="none")) == [ledger.task_2.pk, ledger.task_4.pk]
    assert task_ids(_get(client, ledger, status="done")) == []


def test_overdue_only_keeps_the_red_lines(client, ledger):
    response = _get(client, ledger, overdue="on")
    assert task_ids(response) == [ledger.task_1.pk]
    assert unit_names(response) == {"市发展和改革委员会"}


def test_search_finds_task_text(client, ledger):
    assert task_ids(_get(client, ledger, q="公务卡")) == [ledger.task_4.pk]


def test_search_finds_a_units_name_and_shows_the_tasks_other_units(client, ledger):
    response = _get(client, ledger, q="发改委")  # the short name
    assert task_ids(response) == [ledger.task_1.pk]
    assert unit_names(response) == {"市发展和改革委员会", "市财政局"}


def test_filters_combine(client, ledger):
    assert task_ids(_get(client, ledger, q="测试任务", unit=ledger.town.unit_b.pk, role="lead")) == [
        ledger.task_2.pk
    ]


def test_a_filter_value_that_is_not_a_choice_is_ignored_not_a_way_round_scope(client, ledger):
    other = make_unit()
    response = _get(client, ledger, who="liaison_b", unit=other.pk, section="x")
    assert response.status_code == 200
    assert unit_names(response) == {"市财政局"}


def test_without_js_the_filters_are_a_plain_get_form(client, ledger):
    html = _get(client, ledger).content.decode()
    assert f'method="get" action="/plans/{ledger.plan.pk}/ledger/"' in html
    assert '<button type="submit" class="button">筛选</button>' in html


def test_htmx_request_gets_only_the_results_partial(client, ledger):
    client.force_login(ledger.town.admin)
    url = reverse("plan_ledger", args=[ledger.plan.pk])
    response = client.get(url, {"q": "公务卡"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="ledger-results"')
    assert "<html" not in html and "<form" not in html
    assert "公务卡" in html and "测试任务一.1" not in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, ledger):
    client.force_login(ledger.town.admin)
    url = reverse("plan_ledger", args=[ledger.plan.pk])
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get(url, headers=headers).content.decode()


def test_the_export_link_carries_the_current_filters(client, ledger):
    html = _get(client, ledger, q="公务卡", page="1").content.decode()
    assert f'href="/plans/{ledger.plan.pk}/ledger/export/?q=%E5%85%AC%E5%8A%A1%E5%8D%A1"' in html


def test_fifty_tasks_a_page_and_the_next_page_keeps_the_filters(client, db):
    unit = make_unit()
    plan = make_plan(region=unit.region, sections=2, tasks_per_section=30)
    for task in plan.tasks.all():
        make_assignment(task=task, unit=unit)
    client.force_login(make_user(unit=unit, role=Role.LIAISON))
    url = reverse("plan_ledger", args=[plan.pk])
    first = client.get(url, {"role": "lead"})
    assert len(first.context["rows"]) == 50
    assert 'href="?role=lead&amp;page=2"' in first.content.decode()
    second = client.get(url, {"role": "lead", "page": 2})
    assert len(second.context["rows"]) == 10
    assert "第 2 / 2 页" in second.content.decode()
    assert second.content.decode().count('<td class="num" data-label="序号">51</td>') == 1


def test_liaison_sees_only_tasks_of_their_unit_and_their_cooperating_units(client, ledger):
    lead = _get(client, ledger, who="liaison_a")
    assert task_ids(lead) == [ledger.task_1.pk]
    assert unit_names(lead) == {"市发展和改革委员会", "市财政局"}  # A leads task 1: B's line is shown
    cooperating = _get(client, ledger, who="liaison_b")
    assert task_ids(cooperating) == [ledger.task_1.pk, ledger.task_2.pk]
    assert unit_names(cooperating) == {"市财政局"}  # never the lead unit's line
    assert "市发改委" not in cooperating.content.decode().split('id="ledger-results"')[1]


def test_a_liaison_searching_another_units_name_finds_nothing_of_theirs(client, ledger):
    assert task_ids(_get(client, ledger, who="liaison_c", q="财政局")) == []


def test_leader_and_inspector_see_the_region(client, ledger):
    for who in ("leader", "inspector"):
        assert len(task_ids(_get(client, ledger, who=who))) == 3


def test_plan_of_another_region_is_404(client, ledger):
    client.force_login(make_user(role=Role.OFFICE_ADMIN, region=make_region()))
    assert client.get(reverse("plan_ledger", args=[ledger.plan.pk])).status_code == 404


def test_draft_plan_is_404_for_the_unit(client, ledger):
    client.force_login(ledger.town.liaison_a)
    assert client.get(reverse("plan_ledger", args=[ledger.town.draft.pk])).status_code == 404


def test_user_without_role_gets_403(client, ledger):
    client.force_login(ledger.town.nobody)
    assert client.get(reverse("plan_ledger", args=[ledger.plan.pk])).status_code == 403


def _plan_with_lines(n: int):
    region = make_region()
    plan = make_plan(region=region, sections=5, tasks_per_section=n // 5)
    lead, cooperating = make_unit(region=region), make_unit(region=region)
    for task in plan.tasks.all():
        line = make_assignment(task=task, unit=lead, deadline=date(2021, 12, 31))
        Milestone.objects.create(assignment=line, title="制定方案", due_date=date(2021, 6, 30))
        make_assignment(task=task, unit=cooperating, role=Assignment.Role.COOPERATING)
    return plan, make_user(role=Role.OFFICE_ADMIN, region=region)


@pytest.mark.parametrize("params", [{}, {"overdue": "on", "status": "none", "q": "测试"}])
def test_plan_ledger_costs_the_same_queries_for_5_and_50_tasks(client, today, params):
    counts = []
    for n in (5, 50):
        plan, admin = _plan_with_lines(n)
        client.force_login(admin)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("plan_ledger", args=[plan.pk]), params)
        assert len(response.context["rows"]) == n
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_overdue_1_as_the_dashboard_links_it_is_the_overdue_filter(client, ledger):
    assert task_ids(_get(client, ledger, overdue="1")) == [ledger.task_1.pk]


def test_the_page_reads_in_english_when_chosen(client, ledger):
    client.force_login(ledger.town.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("plan_ledger", args=[ledger.plan.pk])).content.decode()
    for text in (">Lead</span>", ">Cooperating</span>", ">Red</span>", "Red lights only", ">Accepted</span>"):
        assert text in html


# Session, user, role grants, the scope's region tree (a query a level), the plan, its sections, the units
# in the filter (also the lines' units), the task count and page, the lines, their plan, milestones, sent
# periods and latest reports, the user's unit: 14, as before the lines stopped joining their unit (issue 12
# item 9, third pass). A bound the page must not pass.
PLAN_LEDGER_QUERIES = 14


def test_plan_ledger_reads_a_page_in_a_bounded_number_of_queries(
    client, today, django_assert_max_num_queries
):
    plan, admin = _plan_with_lines(50)
    client.force_login(admin)
    with django_assert_max_num_queries(PLAN_LEDGER_QUERIES) as queries:
        response = client.get(reverse("plan_ledger", args=[plan.pk]))
    assert len(response.context["rows"]) == 50
    # The lines take their units from the unit filter's read rather than joining one per line.
    lines = next(
        q["sql"] for q in queries.captured_queries if '"ledger_assignment"."responsible_persons"' in q["sql"]
    )
    assert '"units_unit"."name"' not in lines
