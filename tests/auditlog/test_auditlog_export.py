"""The export: an .xlsx of the filtered entries that opens in openpyxl, capped, and itself an entry."""

import io

import openpyxl
import pytest
from django.urls import reverse

from taizhang.administration import auditlog_export
from taizhang.audit.models import AuditEvent
from taizhang.exports import printing
from tests.auditlog.helpers import add_entries

pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(book.active.iter_rows(values_only=True))


@pytest.fixture
def logged(land, client):
    add_entries(4, action="plan.publish", region_ref=land.city_a.pk, object_repr="甲市方案",
                before={"status": "draft"}, after={"status": "published"})  # fmt: skip
    add_entries(2, action="report.submit", region_ref=land.city_a.pk, object_repr='=HYPERLINK("x")')
    add_entries(3, action="plan.publish", region_ref=land.city_b.pk, object_repr="乙市方案")
    client.force_login(land.auditor_a)
    return land


def test_the_export_holds_the_filtered_entries_of_the_region(client, logged):
    rows = _sheet(client.get(reverse("audit_log_export"), {"action": "plan.publish"}))
    assert rows[0][0] == "时间" and rows[0][4] == "操作"
    assert [(r[4], r[8]) for r in rows[1:]] == [("plan.publish", "甲市方案")] * 4
    assert "status：draft → published" in rows[1][11]


def test_the_export_is_itself_recorded_with_its_filters_and_row_count(client, logged):
    client.get(reverse("audit_log_export"), {"action": "plan.publish"})
    entry = AuditEvent.objects.get(action="audit.export")
    assert entry.actor == logged.auditor_a
    assert entry.after == {"filters": {"action": "plan.publish"}, "rows": 4, "capped": False}
    assert entry.region_ref == logged.city_a.pk


def test_a_cell_that_looks_like_a_formula_is_written_as_text(client, logged):
    rows = _sheet(client.get(reverse("audit_log_export"), {"action": "report.submit"}))
    assert {r[8] for r in rows[1:]} == {'\'=HYPERLINK("x")'}


def test_the_export_stops_at_its_cap_and_says_so(client, logged, monkeypatch):
    monkeypatch.setattr(auditlog_export, "EXPORT_CAP", 3)
    rows = _sheet(client.get(reverse("audit_log_export"), {"action": "plan.publish"}))
    assert len(rows) == 1 + 3
    assert AuditEvent.objects.get(action="audit.export").after["capped"] is True


def test_a_bad_filter_exports_nothing_and_records_nothing(client, logged):
    response = client.get(reverse("audit_log_export"), {"ip": "not-an-ip"})
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action="audit.export").exists()


def test_the_export_prints_readably_with_times_as_dates_and_rows_as_tall_as_their_changes(client, logged):
    response = client.get(reverse("audit_log_export"), {"action": "plan.publish"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))["审计日志"]
    at = sheet["A2"]
    assert at.is_date and at.number_format == "yyyy-mm-dd hh:mm"
    assert sheet["L2"].alignment.wrap_text and sheet.row_dimensions[2].height >= 14
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1
    widths = [sheet.column_dimensions[chr(ord("A") + i)].width for i in range(12)]
    assert printing.print_scale(widths) >= printing.MIN_SCALE - 0.005  # no smaller than 9 pt on paper
