"""The coverage page, its .xlsx and the roll-up page through the test client: what the office reads, and
what others are refused."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from taizhang.accounts.models import Role
from tests.coverage.world import build, office
from tests.factories import make_assignment, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build()


def test_the_coverage_page_shows_the_map_the_gaps_and_links_to_the_lower_plans(client, world):
    client.force_login(office(world.province))
    page = client.get(reverse("plan_coverage", args=[world.plan.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "缺项 4 处" in html
    assert '<td class="num shade-4">2/2 <span aria-hidden="true">✓</span>' in html  # 甲市, section 一
    assert '<td class="num shade-0">0/2</td>' in html  # 乙市, section 二
    assert reverse("plan_detail", args=[world.city_a_plan.pk]) in html


def test_the_plan_page_links_to_its_coverage_for_the_office_and_not_for_a_unit(client, world):
    client.force_login(office(world.province))
    url = reverse("plan_coverage", args=[world.plan.pk])
    assert url in client.get(reverse("plan_detail", args=[world.plan.pk])).content.decode()
    line = make_assignment(task=world.plan.tasks.first(), unit=make_unit(region=world.province))
    client.force_login(make_user(unit=line.unit, role=Role.LIAISON))
    assert url not in client.get(reverse("plan_detail", args=[world.plan.pk])).content.decode()
    assert client.get(url).status_code == 403


def test_the_export_lists_each_task_with_its_covering_and_missing_regions(client, world):
    client.force_login(office(world.province))
    answer = client.get(reverse("plan_coverage_export", args=[world.plan.pk]))
    assert answer.status_code == 200
    body = b"".join(answer.streaming_content) if answer.streaming else answer.content
    sheet = load_workbook(io.BytesIO(body)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "省实施办法落实情况"
    header = rows[2]
    assert header[-2:] == ["已落实地区（完成率）", "缺项地区"]
    first = next(r for r in rows if r[3] == "测试任务一.1")
    assert first[-2:] == ["乙市（—）、甲市（50.0%）、甲一区（0.0%）", None]
    last = next(r for r in rows if r[3] == "测试任务二.2")
    assert last[-1] == "乙市、甲市"


def test_a_city_office_cannot_open_the_provinces_coverage_it_does_not_see(client, world):
    client.force_login(office(world.city_b))
    assert client.get(reverse("plan_coverage", args=[world.plan.pk])).status_code == 404


def test_the_rollup_page_shows_the_regions_and_drills_down(client, world):
    client.force_login(office(world.province, Role.LEADER))
    html = client.get(reverse("rollup"), {"year": 2021}).content.decode()
    assert "甲市" in html and "乙市" in html
    assert f"?region={world.city_a.pk}&amp;year=2021" in html
    down = client.get(reverse("rollup"), {"year": 2021, "region": world.city_a.pk}).content.decode()
    assert "甲一区" in down and "乙市" not in down


def test_the_rollup_refuses_a_bad_year_with_a_reason_and_a_sibling_region_with_404(client, world):
    client.force_login(office(world.city_a))
    bad = client.get(reverse("rollup"), {"year": "abc"})
    assert bad.status_code == 400 and "查询条件有误" in bad.content.decode()
    assert client.get(reverse("rollup"), {"region": world.city_b.pk}).status_code == 404
