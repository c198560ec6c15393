"""Importing a regulation catalogue (.xlsx): headers found by their synonyms in any order, dates in three
forms, existing titles updated, and any bad row refusing the whole file with every problem and its row."""

import io
from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from openpyxl import Workbook

from taizhang.audit.models import AuditEvent
from taizhang.regulations.catalogue import CatalogueError, catalogue_import
from taizhang.regulations.models import Regulation
from tests.factories import make_regulation

HEADER = ["发布日期", "备注", "制度", "文号", "发文单位", "状态"]


def workbook(*rows, header=HEADER, before=("甲市制度目录", None)) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    for line in before:
        sheet.append([line])
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


GOOD = [
    (datetime(2021, 3, 5), "规范接待", "公务接待管理办法", "甲办发〔2021〕3号", "甲市第一局", "现行有效"),
    ("2021年3月6日", "", "《会议管理办法》", "", "甲市第二局", "有效"),
    ("2021.3.7", "", "采购管理规定", "", "", "起草中"),
    ("2021-03-08", "", "旧的规定", "", "", "已废止"),
]


def _import(city, data, dry_run=False, actor=None):
    return catalogue_import(actor=actor or city.office, region=city.region, fileobj=data, dry_run=dry_run)


def test_rows_are_read_under_a_header_in_another_order_with_dates_in_three_forms(city):
    result = _import(city, workbook(*GOOD))
    assert (result.created, result.updated) == (4, 0)
    got = {r.title: (r.issued_on, r.issuing_unit, r.status, r.doc_number) for r in Regulation.objects.all()}
    assert got == {
        "公务接待管理办法": (date(2021, 3, 5), city.u1, "in_force", "甲办发〔2021〕3号"),
        "会议管理办法": (date(2021, 3, 6), city.u2, "in_force", ""),
        "采购管理规定": (date(2021, 3, 7), None, "drafting", ""),
        "旧的规定": (date(2021, 3, 8), None, "abolished", ""),
    }
    assert Regulation.objects.get(title="公务接待管理办法").summary == "规范接待"
    assert AuditEvent.objects.filter(action="regulation.create").count() == 4
    assert AuditEvent.objects.get(action="regulation.catalogue_import").after["created"] == 4


def test_an_existing_title_is_updated_and_empty_cells_keep_the_register_s_values(city):
    kept = make_regulation(
        title="公务接待管理办法", region=city.region, doc_number="旧文号", summary="旧内容"
    )
    result = _import(city, workbook(("2021/3/5", "", "公务接待管理办法", "", "甲市第一局", "")))
    kept.refresh_from_db()
    assert (result.created, result.updated) == (0, 1)
    assert (kept.doc_number, kept.summary, kept.issuing_unit, kept.issued_on) == (
        "旧文号",
        "旧内容",
        city.u1,
        date(2021, 3, 5),
    )
    assert kept.version == 2


def test_a_bad_row_saves_nothing_and_every_problem_names_its_row(city):
    rows = [
        *GOOD,
        ("2021年13月1日", "", "坏日期的制度", "", "", ""),
        ("", "只有备注", "", "", "", ""),
        (None, None, "无名单位的制度", None, "不存在局", "作废"),
    ]
    with pytest.raises(CatalogueError) as caught:
        _import(city, workbook(*rows))
    with translation.override("en"):
        english = [p.one_line() for p in caught.value.problems]
    chinese = [p.one_line() for p in caught.value.problems]
    lines = [f"{zh} | {en}" for zh, en in zip(chinese, english, strict=True)]
    # the header is on row 3, so data starts on row 4: the bad rows are 8, 9 and 10
    assert any(
        line.startswith("第 8 行") and "日期" in line and "row 8" in line and "not a date" in line
        for line in lines
    )
    assert any(
        line.startswith("第 9 行") and "缺少制度名称" in line and "title is missing" in line for line in lines
    )
    assert any(line.startswith("第 10 行") and "不存在局" in line for line in lines)
    assert any(line.startswith("第 10 行") and "作废" in line for line in lines)
    assert not Regulation.objects.exists()


def test_a_dry_run_counts_but_writes_nothing(city):
    make_regulation(title="会议管理办法", region=city.region)
    result = _import(city, workbook(*GOOD), dry_run=True)
    assert (result.created, result.updated, Regulation.objects.count()) == (3, 1, 1)


def test_a_unit_of_another_region_is_reported(city):
    with pytest.raises(CatalogueError, match="乙市第一局"):
        _import(city, workbook(("", "", "制度", "", "乙市第一局", "")))


def test_repeated_titles_are_reported(city):
    with pytest.raises(CatalogueError, match="与第 4 行重复"):
        _import(city, workbook(("", "", "制度", "", "", ""), ("", "", "《制度》", "", "", "")))


@pytest.mark.parametrize(
    "content", [b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old xls", "制度名称,文号\n会议制度,1\n".encode()]
)
def test_xls_and_csv_are_refused_clearly(city, content):
    with pytest.raises(CatalogueError, match=r"只能导入 \.xlsx"):
        _import(city, io.BytesIO(content))


def test_a_sheet_without_a_header_in_its_first_ten_rows_is_refused(city):
    with pytest.raises(CatalogueError, match="没有表头"):
        _import(city, workbook(header=["序号", "说明"], before=[None] * 3))


def test_only_the_office_of_the_region_imports(city):
    for actor in (city.liaison1, city.office_b):
        with pytest.raises(PermissionDenied):
            _import(city, workbook(*GOOD), actor=actor)
    assert not Regulation.objects.exists()
