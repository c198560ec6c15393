"""The plan ledger as .xlsx: the ledger layout, one row per unit's line, the page's filters and scope."""

import io
from datetime import datetime
from urllib.parse import quote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from taizhang.accounts.models import Role
from tests.factories import make_region, make_user
from tests.web.ledger.helpers import HEADER_ROW, records, sheet
from tests.web.ledger.test_plan_ledger import _plan_with_lines

pytestmark = pytest.mark.django_db

COLUMNS = [
    "序号",
    "任务分类",
    "工作任务",
    "职责",
    "单位",
    "责任领导",
    "责任人",
    "履责要求",
    "完成时限",
    "进度目标",
    "最新进展",
    "审核状态",
    "红黄绿灯",
]


def detail(response):
    return sheet(response, "分单位明细")


def _export(client, who, plan, **params):
    client.force_login(who)
    return client.get(reverse("plan_ledger_export", args=[plan.pk]), params)


def test_export_opens_with_openpyxl_in_the_ledger_layout(client, ledger):
    ws = detail(_export(client, ledger.town.admin, ledger.plan))
    assert ws["A1"].value == ledger.plan.title
    assert "共 4 条" in ws["A2"].value and "导出日期 2021-07-05" in ws["A2"].value
    assert [cell.value for cell in ws[HEADER_ROW]] == COLUMNS  # 工作标准 is empty everywhere, so left out
    units = [(row["工作任务"], row["职责"], row["单位"]) for row in records(ws)]
    assert units == [
        ("测试任务一.1", "牵头", "市发展和改革委员会"),
        ("测试任务一.1", "配合", "市财政局"),
        ("测试任务一.2", "牵头", "市财政局"),
        ("健全财政资金监管制度，推行公务卡结算。", "牵头", "市审计局"),
    ]


def test_export_holds_the_decomposition_latest_report_and_light(client, ledger):
    rows = records(detail(_export(client, ledger.town.admin, ledger.plan)))
    lead = rows[0]
    assert lead["责任领导"] == "李副主任" and lead["责任人"] == "王五、赵六"
    assert lead["履责要求"] == "牵头制定实施方案"
    assert lead["完成时限"] == datetime(2021, 6, 30)  # a date cell: openpyxl reads it as a datetime
    assert lead["进度目标"] == "制定实施方案（2021-05-31，已于 2021-05-20 完成）"
    assert lead["最新进展"] == "推进中（2021年第一季度）：已制定实施方案并召开动员会。"
    assert lead["审核状态"] == "已通过"
    assert lead["红黄绿灯"] == "红灯：完成时限已逾期 5 天（应于 2021-06-30 完成）"
    assert rows[1]["最新进展"] == "推进中（2021年第一季度）：财政局已拨付专项经费。"  # not B's own draft
    assert rows[2]["审核状态"] == "未报送" and rows[2]["最新进展"] is None


def test_the_outer_headings_become_section_rows(client, ledger):
    ws = detail(_export(client, ledger.town.admin, ledger.plan))
    banners = [
        row[0] for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if isinstance(row[0], str)
    ]
    assert banners == ["二 强化监督制约"]


def test_export_applies_the_current_filters(client, ledger):
    rows = records(detail(_export(client, ledger.town.admin, ledger.plan, unit=ledger.town.unit_b.pk)))
    assert {row["单位"] for row in rows} == {"市财政局"} and len(rows) == 2
    rows = records(detail(_export(client, ledger.town.admin, ledger.plan, overdue="on")))
    assert [row["单位"] for row in rows] == ["市发展和改革委员会"]
    rows = records(detail(_export(client, ledger.town.admin, ledger.plan, q="公务卡")))
    assert [row["单位"] for row in rows] == ["市审计局"]


def test_liaison_export_never_holds_another_units_row(client, ledger):
    rows = records(detail(_export(client, ledger.town.liaison_b, ledger.plan)))
    assert {row["单位"] for row in rows} == {"市财政局"}
    rows = records(detail(_export(client, ledger.town.liaison_a, ledger.plan)))
    assert [row["单位"] for row in rows] == ["市发展和改革委员会", "市财政局"]  # A leads task 1


def test_export_out_of_scope_is_404(client, ledger):
    admin = make_user(role=Role.OFFICE_ADMIN, region=make_region())
    assert _export(client, admin, ledger.plan).status_code == 404
    assert _export(client, ledger.town.liaison_a, ledger.town.draft).status_code == 404


def test_filename_is_the_plan_and_the_date_in_rfc_5987(client, ledger):
    response = _export(client, ledger.town.admin, ledger.plan)
    name = quote(f"台账-{ledger.plan.title}-20210705.xlsx")
    expected = f"attachment; filename=\"taizhang-20210705.xlsx\"; filename*=UTF-8''{name}"
    assert response["Content-Disposition"] == expected


def test_formula_looking_text_a_unit_typed_is_stored_as_text(client, ledger):
    ledger.line_c4.responsible_leader = '=HYPERLINK("http://x","y")'
    ledger.line_c4.save()
    ws = detail(_export(client, ledger.town.admin, ledger.plan, q="公务卡"))
    cell = next(
        c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value
    )
    assert cell.data_type == "s" and cell.quotePrefix


def test_export_costs_the_same_queries_for_5_and_50_tasks(client, today):
    counts = []
    for n in (5, 50):
        plan, admin = _plan_with_lines(n)
        client.force_login(admin)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("plan_ledger_export", args=[plan.pk]))
        assert len(records(detail(response))) == 2 * n
        counts.append(len(queries))
    assert counts[0] == counts[1]


OFFICE_COLUMNS = ["序号", "任务分类", "工作任务", "牵头单位", "配合单位", "完成时限", "进展情况", "备注"]


def test_the_workbook_opens_on_the_office_layout_beside_the_per_unit_detail(client, ledger):
    book = load_workbook(io.BytesIO(_export(client, ledger.town.admin, ledger.plan).content))
    assert book.sheetnames == ["任务台账", "分单位明细"] and book.active.title == "任务台账"
    ws = book["任务台账"]
    assert ws["A1"].value == ledger.plan.title and "共 3 项任务" in ws["A2"].value
    assert [cell.value for cell in ws[HEADER_ROW]] == OFFICE_COLUMNS
    assert ws.print_title_rows == f"$1:${HEADER_ROW}" and ws.page_setup.orientation == "landscape"


def test_the_office_layout_has_one_row_per_task_with_lead_and_cooperating_units_apart(client, ledger):
    rows = records(sheet(_export(client, ledger.town.admin, ledger.plan), "任务台账"))
    assert [(r["序号"], r["工作任务"], r["牵头单位"], r["配合单位"]) for r in rows] == [
        (1, "测试任务一.1", "市发展和改革委员会", "市财政局"),
        (2, "测试任务一.2", "市财政局", None),
        (3, "健全财政资金监管制度，推行公务卡结算。", "市审计局", None),
    ]
    first, second, third = rows
    assert first["进展情况"] == (
        "市发展和改革委员会：推进中（2021年第一季度）：已制定实施方案并召开动员会。\n"
        "市财政局：推进中（2021年第一季度）：财政局已拨付专项经费。"
    )
    assert second["进展情况"] == "未报送：市财政局"
    assert first["备注"].startswith("市发展和改革委员会红灯：完成时限已逾期 5 天")
    assert third["完成时限"] == datetime(2021, 7, 8)  # the line's date when the task has none
    assert third["备注"].startswith("市审计局黄灯")


def test_the_office_layout_follows_the_filters_and_the_scope(client, ledger):
    rows = records(sheet(_export(client, ledger.town.liaison_b, ledger.plan), "任务台账"))
    assert [(r["工作任务"], r["牵头单位"], r["配合单位"]) for r in rows] == [
        ("测试任务一.1", None, "市财政局"),
        ("测试任务一.2", "市财政局", None),
    ]
