"""review_list: what waits for this user's decision — a unit head's submitted reports, the office's approved
ones — one row each with what a reviewer needs, at a cost that does not grow with the rows."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.reports.models import ProgressReport, ReportStep, ReviewState
from tests.factories import make_assignment, make_evidence, make_plan, make_unit, make_user
from tests.web.reports.helpers import page

pytestmark = pytest.mark.django_db


def _rows(response):
    return list(response.context["rows"])


def test_unit_head_sees_the_units_submitted_reports_with_the_review_columns(
    client, town, q1_evidence, q1_submitted
):
    client.force_login(town.head_a)
    response = client.get(reverse("review_list"))
    html = page(response)
    assert response.status_code == 200
    assert _rows(response) == [q1_submitted]
    for column in ("方案", "任务", "单位", "报送周期", "进展状态", "进展情况", "佐证材料", "报送时间"):
        assert f">{column}</th>" in html
    assert town.plan.title in html and town.line_a1.task.text in html and "市发展和改革委员会" in html
    assert "2021年第一季度" in html and "推进中" in html and "召开专题会议部署落实。" in html
    download = reverse("evidence_download", args=[q1_evidence.pk])
    assert f'<a href="{download}">会议纪要.pdf</a>' in html  # the evidence opens from the row
    assert "2021-04-05 10:00" in html
    assert 'value="approve"' in html and 'value="return"' in html and 'name="reason"' in html
    assert 'value="accept"' not in html


def test_the_office_sees_approved_reports_not_submitted_ones(client, town, q1_submitted):
    client.force_login(town.admin)
    assert _rows(client.get(reverse("review_list"))) == []
    from taizhang.reports.workflow import report_approve

    report_approve(actor=town.head_a, report=q1_submitted, expected_version=q1_submitted.version)
    response = client.get(reverse("review_list"))
    assert _rows(response) == [q1_submitted]
    assert 'value="accept"' in page(response) and 'value="approve"' not in page(response)


def test_a_late_report_is_marked(client, town, q1_draft, clock):
    from taizhang.reports.workflow import report_submit

    clock(date(2021, 4, 20))  # due 10 April
    report_submit(actor=town.liaison_a, report=q1_draft, expected_version=q1_draft.version)
    client.force_login(town.head_a)
    assert "逾期报送" in page(client.get(reverse("review_list")))


def test_nothing_waiting_is_said_so(client, town):
    client.force_login(town.head_a)
    assert "暂无待审核的报送" in page(client.get(reverse("review_list")))


@pytest.mark.parametrize("who", ["liaison_a", "leader", "inspector", "nobody"])
def test_other_roles_get_403(client, town, who):
    client.force_login(getattr(town, who))
    assert client.get(reverse("review_list")).status_code == 403


def test_the_nav_links_reviewers_to_it(client, town):
    client.force_login(town.head_a)
    names = [link.name for link in client.get(reverse("review_list")).context["shell"]["nav"]]
    assert "review_list" in names


def _head_with_submitted_reports(n: int):
    """A unit head whose unit has ``n`` submitted reports, each with a file and its submission step."""
    unit = make_unit()
    liaison = make_user(unit=unit, role=Role.LIAISON)
    plan = make_plan(region=unit.region, sections=5, tasks_per_section=n // 5)
    for task in plan.tasks.all():
        report = ProgressReport.objects.create(
            assignment=make_assignment(task=task, unit=unit),
            period_start=date(2021, 1, 1),
            period_end=date(2021, 3, 31),
            period_label="2021年第一季度",
            narrative="已完成部署。",
            review_state=ReviewState.SUBMITTED,
        )
        ReportStep.objects.create(report=report, from_state="draft", to_state="submitted", actor=liaison)
        make_evidence(report=report, uploaded_by=liaison)
    return make_user(unit=unit, role=Role.UNIT_HEAD)


def test_review_list_costs_the_same_for_5_and_50_rows(client):
    counts = []
    for n in (5, 50):
        client.force_login(_head_with_submitted_reports(n))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("review_list"))
        assert len(_rows(response)) == n
        counts.append(len(queries))
    assert counts[0] == counts[1]
