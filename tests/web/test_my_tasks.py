"""我的任务: the unit's own ledger lines, 50 a page; the export has them all."""

import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from taizhang.accounts.models import Role
from taizhang.ledger.models import Milestone
from tests.factories import make_assignment, make_plan, make_unit, make_user

pytestmark = pytest.mark.django_db

# Session, user, the user's grants (read once per request), the header's unit, the page count, the lines,
# their milestones and reports, the plans' line counts: 9 today. A bound, not a target: the claim is that
# the count does not grow with the rows.
MAX_QUERIES = 20


def _lines(response):
    return list(response.context["lines"])


def test_liaison_sees_own_units_lines_with_the_ledger_columns(client, town):
    client.force_login(town.liaison_a)
    response = client.get(reverse("my_tasks"))
    html = response.content.decode()
    assert response.status_code == 200
    assert _lines(response) == [town.line_a1]
    for column in ("序号", "任务", "职责", "责任领导", "责任人", "完成时限"):
        assert f">{column}</th>" in html
    assert town.plan.title in html
    assert town.line_a1.task.text in html
    assert "牵头" in html and "李副主任" in html
    assert "<span>王五</span>、<span>赵六</span>" in html


def test_lead_unit_does_not_see_cooperating_units_lines_as_its_tasks(client, town):
    client.force_login(town.liaison_a)
    assert town.line_b1 not in _lines(client.get(reverse("my_tasks")))


def test_cooperating_unit_sees_its_cooperating_line(client, town):
    client.force_login(town.liaison_b)
    response = client.get(reverse("my_tasks"))
    assert _lines(response) == [town.line_b1, town.line_b2]
    assert "配合" in response.content.decode()


def test_draft_plan_lines_are_not_shown_to_the_unit(client, town):
    client.force_login(town.head_a)
    response = client.get(reverse("my_tasks"))
    assert town.line_a_draft not in _lines(response)
    assert town.draft.title not in response.content.decode()


def test_liaison_who_is_also_a_regional_inspector_sees_only_the_units_lines(client, town):
    from taizhang.accounts.services import role_grant

    role_grant(user=town.liaison_a, role=Role.INSPECTOR, region=town.region, actor=None)
    client.force_login(town.liaison_a)
    assert _lines(client.get(reverse("my_tasks"))) == [town.line_a1]


def test_deadline_falls_back_to_the_tasks_printed_deadline(client, town):
    task = town.line_a1.task
    task.deadline_text = "2022年底前"
    task.save(update_fields=["deadline_text"])
    client.force_login(town.liaison_a)
    assert "2022年底前" in client.get(reverse("my_tasks")).content.decode()


def test_what_units_type_is_escaped_and_line_breaks_kept(client, town):
    """The rows are written in Python (``ledger_badges.my_task_rows``): every value a unit or the office
    typed is escaped, and a task's line breaks show as in the plan."""
    task = town.line_a1.task
    task.text = "第一行<b>粗</b>\n第二行"
    task.save(update_fields=["text"])
    line = town.line_a1
    line.responsible_leader = "<script>alert(1)</script>"
    line.responsible_persons = ['"引号"', "A&B"]
    line.save(update_fields=["responsible_leader", "responsible_persons"])
    client.force_login(town.liaison_a)
    html = client.get(reverse("my_tasks")).content.decode()
    assert "第一行&lt;b&gt;粗&lt;/b&gt;<br>第二行" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert "<span>&quot;引号&quot;</span>、<span>A&amp;B</span>" in html
    assert f'href="{reverse("task_detail", args=[task.pk])}"' in html


def test_unit_without_tasks_is_told_so(client, db):
    client.force_login(make_user(role=Role.LIAISON))
    assert "暂无任务" in client.get(reverse("my_tasks")).content.decode()


def _unit_with_lines(n: int):
    unit = make_unit()
    plan = make_plan(region=unit.region, sections=5, tasks_per_section=n // 5)
    for task in plan.tasks.all():
        line = make_assignment(task=task, unit=unit, responsible_persons=["甲", "乙"])
        Milestone.objects.create(assignment=line, title="制定方案", due_date="2022-06-30")
    return make_user(unit=unit, role=Role.LIAISON)


@pytest.mark.parametrize("n", [5, 50])
def test_my_tasks_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, n):
    client.force_login(_unit_with_lines(n))
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("my_tasks"))
    assert len(_lines(response)) == n


def test_my_tasks_costs_the_same_for_5_and_50_rows(client):
    counts = []
    for n in (5, 50):
        client.force_login(_unit_with_lines(n))
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("my_tasks"))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def _two_plans(unit, first: int, second: int):
    for n in (first, second):
        plan = make_plan(region=unit.region, sections=1, tasks_per_section=n)
        for task in plan.tasks.all():
            make_assignment(task=task, unit=unit)


def _numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<td class="num" data-label="序号">(\d+)</td>', html)]


def test_my_tasks_shows_50_lines_a_page_numbered_within_their_plan_across_pages(client, db):
    from taizhang.ledger.views.my_tasks import LINES_PER_PAGE

    liaison = make_user(role=Role.LIAISON)
    _two_plans(liaison.unit, 55, 10)
    client.force_login(liaison)
    first = client.get(reverse("my_tasks"))
    second = client.get(reverse("my_tasks"), {"page": 2})
    assert LINES_PER_PAGE == 50
    assert len(_lines(first)) == 50 and len(_lines(second)) == 15
    assert _numbers(first.content.decode()) == list(range(1, 51))
    assert _numbers(second.content.decode()) == [*range(51, 56), *range(1, 11)]
    # Each plan's caption counts its lines on every page, as it did before the list had pages.
    assert [g.total for g in first.context["plans"]] == [55]
    assert [g.total for g in second.context["plans"]] == [55, 10]
    assert "共 55 项任务" in second.content.decode() and "共 10 项任务" in second.content.decode()
    assert 'href="?page=2"' in first.content.decode() and "第 1 / 2 页" in first.content.decode()


def test_a_page_past_the_end_shows_the_last_page(client, db):
    liaison = make_user(role=Role.LIAISON)
    _two_plans(liaison.unit, 55, 10)
    client.force_login(liaison)
    assert len(_lines(client.get(reverse("my_tasks"), {"page": 99}))) == 15


def test_the_export_has_every_line_not_one_page(client, db):
    liaison = make_user(role=Role.LIAISON)
    _two_plans(liaison.unit, 55, 10)
    client.force_login(liaison)
    workbook = load_workbook(io.BytesIO(client.get(reverse("my_tasks_export")).content))
    assert "共 65 条" in workbook.active["A2"].value
    assert workbook.sheetnames == ["本单位任务"]  # the unit's own lines: no office layout beside them
