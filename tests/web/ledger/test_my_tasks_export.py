"""我的任务 as .xlsx: the unit's own lines only, each plan's title above its headings."""

from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.web.ledger.helpers import HEADER_ROW, records, sheet
from tests.web.test_my_tasks import _unit_with_lines

pytestmark = pytest.mark.django_db


def test_export_holds_the_units_own_lines_under_the_plans_title_not_its_cooperating_units(client, ledger):
    client.force_login(ledger.town.liaison_a)
    ws = sheet(client.get(reverse("my_tasks_export")))
    rows = records(ws)
    assert [(row["单位"], row["职责"]) for row in rows] == [("市发展和改革委员会", "牵头")]
    assert rows[0]["最新进展"] == "推进中（2021年第一季度）：已制定实施方案并召开动员会。"
    assert ws.cell(HEADER_ROW + 1, 1).value == ledger.plan.title  # the section row above the plan's lines
    assert rows[0]["任务分类"] == "一 第1部分"


def test_the_unit_reads_its_own_draft_in_the_export(client, ledger):
    client.force_login(ledger.town.liaison_b)
    rows = records(sheet(client.get(reverse("my_tasks_export"))))
    assert (
        rows[0]["最新进展"] == "未启动（2021年第二季度）：尚未报送的草稿。" and rows[0]["审核状态"] == "草稿"
    )


def test_filename_names_the_unit_and_the_date(client, ledger):
    client.force_login(ledger.town.liaison_a)
    response = client.get(reverse("my_tasks_export"))
    name = quote("台账-市发展和改革委员会-20210705.xlsx")
    expected = f"attachment; filename=\"taizhang-20210705.xlsx\"; filename*=UTF-8''{name}"
    assert response["Content-Disposition"] == expected


@pytest.mark.parametrize("who", ["admin", "leader", "inspector", "nobody"])
def test_only_a_units_liaison_or_head_may_export_my_tasks(client, town, who):
    client.force_login(getattr(town, who))
    assert client.get(reverse("my_tasks_export")).status_code == 403


def test_my_tasks_export_costs_the_same_queries_for_5_and_50_lines(client):
    counts = []
    for n in (5, 50):
        client.force_login(_unit_with_lines(n))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("my_tasks_export"))
        assert len(records(sheet(response))) == n
        counts.append(len(queries))
    assert counts[0] == counts[1]
