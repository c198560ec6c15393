"""plan_review3: 看效果 / 查进度 / 问原因 of a plan for the office, leaders and inspectors — the buckets
counted, one bucket's lines a page at a time, the reasons given and the lines still without one."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.supervision.services import explanation_give
from tests.factories import make_assignment, make_milestone, make_plan, make_report, make_unit
from tests.web.supervision.conftest import page

pytestmark = pytest.mark.django_db


def _get(client, plan, **params):
    return client.get(reverse("plan_review3", args=[plan.pk]), params)


def test_the_counts_are_shown_for_every_bucket(client, city, lines):
    client.force_login(city.office)
    html = page(_get(client, lines.plan))
    assert '<strong data-count="look">2</strong>' in html
    assert '<strong data-count="check">1</strong>' in html
    assert '<strong data-count="ask">4</strong>' in html
    assert "已说明 0，未说明 4" in html


def test_look_shows_the_latest_narrative_and_the_files(client, city, lines):
    client.force_login(city.leader)
    response = _get(client, lines.plan, bucket="look")
    assert {line.pk for line in response.context["rows"]} == {lines.done_u1.pk, lines.ongoing_u2.pk}
    assert "制度已出台并印发执行。" in page(
        response
    ) and '<td class="num" data-label="佐证材料">3</td>' in page(response)


def test_check_shows_the_milestones_and_the_light(client, city, lines):
    client.force_login(city.inspector)
    html = page(_get(client, lines.plan, bucket="check"))
    assert "起草" in html and "印发" in html and "light-green" in html


def test_ask_shows_the_reasons_given_and_the_lines_without_one(client, city, lines):
    explanation_give(actor=city.liaison2, assignment=lines.late_u2, reason="专项资金尚未到位")
    client.force_login(city.office)
    html = page(_get(client, lines.plan, bucket="ask"))
    assert "专项资金尚未到位" in html and html.count("尚未说明原因") == 3
    assert "逾期未完成" in html and "未启动" in html
    missing = _get(client, lines.plan, bucket="ask", missing="1")
    assert lines.late_u2.pk not in {line.pk for line in missing.context["rows"]}
    assert len(missing.context["rows"]) == 3


@pytest.mark.parametrize("who", ["liaison1", "head1"])
def test_units_get_403(client, city, lines, who):
    client.force_login(getattr(city, who))
    assert _get(client, lines.plan).status_code == 403


def test_another_regions_office_gets_404(client, city, lines):
    client.force_login(city.far_office)
    assert _get(client, lines.plan).status_code == 404


def _plan_with(city, n):
    """A plan with ``n`` lines in each bucket."""
    plan = make_plan(region=city.region, sections=3, tasks_per_section=n)
    for i, task in enumerate(plan.tasks.order_by("order")):
        line = make_assignment(task=task, unit=make_unit(region=city.region), deadline=date(2021, 12, 31))
        make_milestone(assignment=line, due_date=date(2021, 9, 30))
        if i % 3 < 2:
            status = "done" if i % 3 == 0 else "in_progress"
            make_report(assignment=line, status=status, review_state="accepted", narrative="进展")
    return plan


@pytest.mark.parametrize("bucket", ["look", "check", "ask"])
def test_the_page_costs_the_same_for_3_and_30_lines_a_bucket(client, city, bucket):
    client.force_login(city.office)
    counts = []
    for n in (3, 30):
        plan = _plan_with(city, n)
        with CaptureQueriesContext(connection) as queries:
            response = _get(client, plan, bucket=bucket)
        assert len(response.context["rows"]) == n
        counts.append(len(queries))
    assert counts[0] == counts[1]
