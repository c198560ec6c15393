"""方案导入, step 1: the upload form. A file it cannot use gives a bilingual message, never a 500, and
nothing is saved."""

import hashlib
import io
import zipfile

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.plans.models import Plan
from tests.factories import make_region, make_user
from tests.web.plans.conftest import upload

pytestmark = pytest.mark.django_db


def _errors(response) -> str:
    return " ".join(str(e) for errors in response.context["form"].errors.values() for e in errors)


def test_office_sees_the_upload_form_with_its_regions_only(client, district, office):
    make_region(name="别的区", level="district")
    client.force_login(office)
    response = client.get(reverse("plan_import"))
    assert response.status_code == 200
    assert list(response.context["form"].fields["region"].queryset) == [district]
    assert 'enctype="multipart/form-data"' in response.content.decode()


def test_upload_of_seed_004_goes_to_the_preview_and_keeps_the_file_out_of_the_session(
    client, district, register, office, seed_004, upload_dir
):
    client.force_login(office)
    response = upload(client, district, seed_004)
    assert response.status_code == 302
    assert response["Location"] == reverse("plan_import_preview")
    digest = hashlib.sha256(seed_004).hexdigest()
    kept = upload_dir / digest
    assert kept.read_bytes() == seed_004
    stored = client.session["plan_import"]
    assert stored["preview"]["sha256"] == digest
    assert len(stored["preview"]["tasks"]) == len(stored["rows"]) == 134
    assert seed_004.decode()[:200] not in str(stored)
    assert Plan.objects.count() == 0


def _zip_of(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "zh", "en"),
    [
        ("plan.pdf", b"%PDF-1.7\n...", "不能导入 PDF", "PDF files cannot be imported"),
        ("plan.txt", b"%PDF-1.7\n...", "PDF 文件无法解析", "a PDF cannot be parsed"),
        ("plan.xlsx", b"PK\x03\x04...", "Excel 文件已损坏", "Excel file is damaged"),
        ("plan.csv", b"a,b\n", "只能导入 .docx、.xlsx 或 .txt", "Only .docx, .xlsx and .txt"),
        ("plan.docx", b"MZ\x90\x00" + bytes(64), "不是 Word 文件", "Not a Word file"),
        ("plan.docx", "一、加强教育\n".encode(), "而是纯文本", "not a Word file but plain text"),
        ("plan.txt", b"", "文件是空的", "The file is empty"),
        ("plan.txt", b"   \n\n", "文件是空的", "the file is empty"),
        ("plan.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "只能导入", "Only .docx"),
        ("plan.docx", b"PK\x03\x04 not really a zip", "Word 文件已损坏", "damaged"),
        ("plan.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old word", "而是旧版", "save it as .docx"),
        ("plan.docx", _zip_of({"plan/readme.txt": "hello"}), "不是 Word 文件，而是一个压缩包", "zip archive"),
    ],
)
def test_unusable_file_gives_a_bilingual_message_and_no_plan(client, district, office, name, data, zh, en):
    client.force_login(office)
    response = upload(client, district, data, name=name)
    assert response.status_code == 400
    errors = _errors(response)
    assert zh in errors and en not in errors
    assert zh in response.content.decode()
    assert Plan.objects.count() == 0
    assert "plan_import" not in client.session


def test_too_large_a_file_is_refused_before_it_is_read(client, district, office, monkeypatch):
    monkeypatch.setattr("taizhang.plans.forms.MAX_BYTES", 10)
    client.force_login(office)
    response = upload(client, district, "测试方案的正文太长了".encode())
    assert response.status_code == 400
    assert "文件超过" in _errors(response) and "larger than" not in _errors(response)


def test_a_file_without_tasks_still_previews_with_a_warning(client, district, office):
    client.force_login(office)
    assert upload(client, district, "关于召开会议的通知\n请准时参加。\n".encode()).status_code == 302
    html = client.get(reverse("plan_import_preview")).content.decode()
    assert "没有可导入的任务" in html


def test_level_must_be_the_regions(client, district, office, seed_004):
    client.force_login(office)
    response = upload(client, district, seed_004, level="city")
    assert response.status_code == 400
    assert "方案层级应与区划" in _errors(response)


def test_period_must_not_end_before_it_starts(client, district, office, seed_004):
    client.force_login(office)
    response = upload(client, district, seed_004, period_start=2024, period_end=2020)
    assert response.status_code == 400
    assert "截止年份早于起始年份" in _errors(response)


def test_region_outside_the_offices_scope_is_refused(client, district, office, seed_004):
    client.force_login(office)
    response = upload(client, make_region(level="district"), seed_004)
    assert response.status_code == 400
    assert "region" in response.context["form"].errors


@pytest.mark.parametrize("role", [Role.LIAISON, Role.UNIT_HEAD, Role.LEADER, Role.INSPECTOR])
def test_non_office_roles_get_403(client, district, seed_004, role):
    regional = role in (Role.LEADER, Role.INSPECTOR)
    user = make_user(role=role, region=district if regional else None)
    client.force_login(user)
    assert client.get(reverse("plan_import")).status_code == 403
    assert upload(client, district, seed_004).status_code == 403
    assert Plan.objects.count() == 0


def test_the_navigation_offers_the_import_to_the_office_only(client, town):
    client.force_login(town.admin)
    assert reverse("plan_import") in client.get(reverse("plan_list")).content.decode()
    client.force_login(town.leader)
    assert reverse("plan_import") not in client.get(reverse("plan_list")).content.decode()


def test_a_post_without_a_file_asks_for_one(client, district, office):
    client.force_login(office)
    response = client.post(reverse("plan_import"), {"region": district.pk})
    assert response.status_code == 400
    assert "请选择要导入的文件" in _errors(response)


def test_an_excel_plan_previews_its_tasks_from_the_sheet_named_on_the_form(client, district, office):
    from tests.docparse.test_xlsx_and_types import office_workbook

    client.force_login(office)
    response = upload(client, district, office_workbook(), name="任务分工.xlsx", sheet="2")
    assert response.status_code == 302
    preview = client.session["plan_import"]["preview"]
    assert [t["text"] for t in preview["tasks"]][:2] == ["开展政治生态分析研判。", "加强对“一把手”监督。"]
    response = upload(client, district, office_workbook(), name="任务分工.xlsx", sheet="附表9")
    assert response.status_code == 400
    assert "没有工作表“附表9”" in _errors(response)
