"""整改台账 .xlsx: opens with openpyxl, holds the items with the declared columns — a unit's only its own —
under the page's filters."""

import io
from datetime import date, datetime
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from taizhang.rectification.export import COLUMNS
from taizhang.rectification.models import RectificationItem
from tests.rectification.helpers import item_in, open_item, refuse

pytestmark = pytest.mark.django_db
HEADER_ROW = 3  # title, subtitle, header


def _records(response):
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in ws[HEADER_ROW]]
    assert header == [column.header for column in COLUMNS]
    return ws, [
        dict(zip(header, row, strict=True)) for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
    ]


@pytest.fixture
def items(city):
    closed = item_in(city, "closed")
    refused = refuse(city, item_in(city, "closeout_requested"), reason="照片不清晰")
    other = open_item(city, unit=city.b)
    return closed, refused, other


def test_the_export_holds_every_item_with_its_columns(client, city, items, clock):
    clock(date(2021, 7, 1))  # every deadline (9 June) has passed
    client.force_login(city.admin)
    ws, rows = _records(client.get(reverse("rectification_export")))
    assert ws.cell(1, 1).value == "全部整改台账" and "共 3 项" in ws.cell(2, 1).value
    assert [row["序号"] for row in rows] == [1, 2, 3]
    closed, refused, _ = rows
    assert closed["问题来源"] == "2021年制度落实明查（明查，2021-05-10发现）"
    assert (closed["责任单位"], closed["问题描述"], closed["整改措施"]) == (
        "市发展和改革委员会",
        "接待台账不完整",
        "补齐台账",
    )
    # dates and times are date cells (they sort and filter as dates), shown as the page shows them
    assert (closed["整改时限"], closed["状态"], closed["是否逾期"]) == (datetime(2021, 6, 9), "已销号", "否")
    assert closed["销号时间"] == datetime(2021, 5, 10, 10, 0) and closed["验证意见"] == "核查属实"
    deadline, closed_at = ws.cell(HEADER_ROW + 1, 6), ws.cell(HEADER_ROW + 1, 9)
    assert (deadline.is_date, deadline.number_format) == (True, "yyyy-mm-dd")
    assert (closed_at.is_date, closed_at.number_format) == (True, "yyyy-mm-dd hh:mm")
    assert ws.title == "整改台账"
    assert (refused["状态"], refused["是否逾期"], refused["验证意见"]) == (
        "整改中",
        "是",
        "未予销号：照片不清晰",
    )


def test_a_units_export_holds_only_its_own_items(client, city, items):
    client.force_login(city.head_b)
    ws, rows = _records(client.get(reverse("rectification_export")))
    assert [row["责任单位"] for row in rows] == ["市财政局"] and ws.cell(1, 1).value == "市财政局整改台账"


def test_the_export_follows_the_filters(client, city, items):
    client.force_login(city.admin)
    _, rows = _records(client.get(reverse("rectification_export"), {"state": "closed"}))
    assert [row["状态"] for row in rows] == ["已销号"]


def test_the_export_is_chinese_on_the_english_pages_and_named_by_scope(client, city, items):
    client.force_login(city.head_b)
    client.post(reverse("set_language"), {"language": "en"})
    response = client.get(reverse("rectification_export"))
    _, rows = _records(response)
    assert rows[0]["状态"] == "待整改"
    name = quote("整改台账-市财政局-20210510.xlsx")
    assert (
        response["Content-Disposition"]
        == f"attachment; filename=\"rectification-20210510.xlsx\"; filename*=UTF-8''{name}"
    )


def test_the_export_costs_the_same_queries_for_3_and_30_items(client, city):
    client.force_login(city.admin)
    counts = []
    for n in (3, 30):
        while RectificationItem.objects.count() < n:
            refuse(city, item_in(city, "closeout_requested"))
        with CaptureQueriesContext(connection) as queries:
            _, rows = _records(client.get(reverse("rectification_export")))
        assert len(rows) == n
        counts.append(len(queries))
    assert counts[0] == counts[1]
