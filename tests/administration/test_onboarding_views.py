"""The 人员导入 page: upload → preview of every row (or every problem with its row) → confirm → the import's
job page (run here by the worker's runner) → the initial passwords, downloaded once as an .xlsx whose
passwords work; the template to download."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from taizhang.accounts.models import User
from taizhang.audit.models import AuditEvent
from taizhang.background.models import Job
from taizhang.background.runner import run_queued
from taizhang.jobs.background import HANDLERS
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


def _confirm(client, page):
    return client.post(reverse(PAGE), {"action": "confirm", "sha256": page.context["sha256"]})


def test_confirm_runs_as_a_job_whose_page_shows_the_counts_and_the_way_back(district):
    client = _client(district.admin)
    confirm = _confirm(client, _upload(client, district, workbook(*ROWS)))
    job = Job.objects.get(kind="onboarding.import")
    assert confirm.status_code == 302 and confirm["Location"] == f"/jobs/{job.pk}/"
    waiting = client.get(confirm["Location"]).content.decode()
    assert "人员导入" in waiting and "排队中" in waiting
    assert not User.objects.filter(username__startswith="person").exists()  # nothing until the job runs
    assert run_queued(handlers=HANDLERS) == 1
    done = client.get(confirm["Location"]).content.decode()
    assert "导入完成：新建账号 6 个，更新 0 个，新建单位 3 个。" in done
    assert f'href="{reverse(PAGE)}">返回人员导入' in done
    job.refresh_from_db()
    assert job.done == job.total == 6 and "data" not in job.params  # the 通讯录 does not stay in the queue


def test_confirm_then_the_passwords_download_once_and_work(district):
    client = _client(district.admin)
    confirm = _confirm(client, _upload(client, district, workbook(*ROWS)))
    assert confirm.status_code == 302 and run_queued(handlers=HANDLERS) == 1
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


def test_the_passwords_wait_sealed_for_the_administrator_who_asked_only(district):
    from tests.factories import make_user

    client = _client(district.admin)
    _confirm(client, _upload(client, district, workbook(*ROWS)))
    run_queued(handlers=HANDLERS)
    sealed = Job.objects.get(kind="onboarding.import").result["passwords"]
    assert sealed.startswith("sm4g:") and "person1" not in sealed  # SM4-GCM under the keyring
    colleague = make_user(role="system_admin", region=district.region, username="sysadmin2")
    assert "下载初始密码" not in _client(colleague).get(reverse(PAGE)).content.decode()
    assert _client(colleague).post(reverse("onboarding_passwords")).status_code == 302
    assert client.post(reverse("onboarding_passwords")).status_code == 200  # still theirs to take


def test_an_import_refused_at_confirm_writes_nothing_and_its_page_says_why_in_the_readers_language(district):
    client = _client(district.admin)
    page = _upload(client, district, workbook(*ROWS))
    User.objects.create(username="person4", display_name="已有")  # an account made since the preview
    confirm = _confirm(client, page)
    run_queued(handlers=HANDLERS)
    assert list(User.objects.filter(username__startswith="person").values_list("username", flat=True)) == [
        "person4"
    ]
    failed = client.get(confirm["Location"]).content.decode()
    assert "执行失败" in failed and "第 8 行：账号“person4”已存在" in failed
    client.cookies["django_language"] = "en"
    english = client.get(confirm["Location"]).content.decode()
    assert "row 8: The account “person4” exists already" in english and "已存在" not in english
    assert "下载初始密码" not in client.get(reverse(PAGE)).content.decode()


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
