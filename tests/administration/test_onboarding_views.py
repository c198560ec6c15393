"""The 人员导入 page: upload → preview of every row (or every problem with its row) → confirm → the initial
passwords, downloaded once as an .xlsx whose passwords work; the template to download."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from taizhang.accounts.models import User
from taizhang.administration.views.onboarding import KEY_COOKIE
from taizhang.audit.models import AuditEvent
from tests.administration.conftest import workbook

PAGE = "onboarding_import"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client, district, data: io.BytesIO, **options):
    file = SimpleUploadedFile("通讯录.xlsx", data.getvalue())
    body = {"action": "preview", "region": district.region.pk, "file": file, "create_units": "on", **options}
    return client.post(reverse(PAGE), body)


ROWS = [(f"甲区第{i % 3}局", f"人员{i}", f"person{i}", "联络员", f"1380013800{i}", "") for i in range(6)]


def test_preview_lists_every_row_and_writes_nothing(district):
    client = _client(district.admin)
    page = _upload(client, district, workbook(*ROWS))
    assert page.status_code == 200
    body = page.content.decode()
    assert "新建账号 6 个" in body and "新单位" in body and "person5" in body
    assert not User.objects.filter(username__startswith="person").exists()


def test_problems_are_shown_with_their_row_numbers_and_nothing_is_kept(district):
    client = _client(district.admin)
    page = _upload(client, district, workbook(*ROWS, ("甲区人民法院", "", "x", "科长", "", "")))
    assert page.status_code == 422
    body = page.content.decode()
    assert "第 10 行：缺少姓名。" in body and "第 10 行：角色“科长”无法识别。" in body
    confirm = client.post(reverse(PAGE), {"action": "confirm", "sha256": "x"})
    assert confirm.status_code == 302 and not User.objects.filter(username__startswith="person").exists()


def test_confirm_then_the_passwords_download_once_and_work(district):
    client = _client(district.admin)
    page = _upload(client, district, workbook(*ROWS))
    confirm = client.post(reverse(PAGE), {"action": "confirm", "sha256": page.context["sha256"]})
    assert confirm.status_code == 302
    assert User.objects.filter(username__startswith="person").count() == 6
    assert "下载初始密码" in client.get(reverse(PAGE)).content.decode()
    download = client.post(reverse("onboarding_passwords"))
    assert download.status_code == 200 and download["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(download.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("单位", "姓名", "账号", "初始密码")
    handed = {username: password for _, _, username, password in rows[1:7]}
    assert set(handed) == {f"person{i}" for i in range(6)}
    for username, password in handed.items():
        user = User.objects.get(username=username)
        assert len(password) == 12 and password not in user.password and user.must_change_password
        assert user.check_password(password)
    audit = "".join(f"{e.before}{e.after}" for e in AuditEvent.objects.all())
    assert not any(password in audit for password in handed.values())
    again = client.post(reverse("onboarding_passwords"))
    assert again.status_code == 302  # once only
    assert "下载初始密码" not in client.get(reverse(PAGE)).content.decode()


def test_the_sealed_passwords_cannot_be_read_without_the_browsers_key(district):
    client = _client(district.admin)
    page = _upload(client, district, workbook(*ROWS))
    client.post(reverse(PAGE), {"action": "confirm", "sha256": page.context["sha256"]})
    session = client.session
    sealed = session["onboarding_passwords"]
    names = [u.username for u in User.objects.filter(username__startswith="person")]
    assert names and not any(name in sealed for name in names)
    client.cookies.pop(KEY_COOKIE)
    assert client.post(reverse("onboarding_passwords")).status_code == 302


def test_a_stale_preview_is_not_confirmed(district):
    client = _client(district.admin)
    _upload(client, district, workbook(*ROWS))
    response = client.post(reverse(PAGE), {"action": "confirm", "sha256": "0" * 64})
    assert response.status_code == 302 and not User.objects.filter(username__startswith="person").exists()


def test_a_file_that_is_not_xlsx_is_refused_with_a_message(district):
    client = _client(district.admin)
    file = SimpleUploadedFile("people.csv", b"a,b\n")
    page = client.post(reverse(PAGE), {"action": "preview", "region": district.region.pk, "file": file})
    assert page.status_code == 422 and "只能导入 .xlsx" in page.content.decode()


def test_the_template_downloads_with_its_header_examples_and_notes(district):
    response = _client(district.admin).get(reverse("onboarding_template"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("单位", "姓名", "账号", "角色", "手机", "邮箱") and len(rows) == 3
    assert book.sheetnames == ["人员名单", "说明"]


def test_the_template_itself_imports_cleanly(district):
    template = _client(district.admin).get(reverse("onboarding_template")).content
    page = _upload(_client(district.admin), district, io.BytesIO(template))
    assert page.status_code == 200 and "新建账号 2 个" in page.content.decode()


def test_the_office_and_other_roles_cannot_open_the_page(district):
    assert _client(district.office).get(reverse(PAGE)).status_code == 403
    assert _client(district.liaison1).get(reverse("onboarding_template")).status_code == 403
