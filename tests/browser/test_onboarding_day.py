"""An office put into service without a developer (issue 10): a fresh installation → `taizhang setup` → the
system administrator imports 60 units and 120 people from an 通讯录 .xlsx (a background job, run here by
``taizhang worker --once``) and downloads their initial passwords → a liaison signs in with the handed-over
password, is made to change it, and reports on a line → the audit administrator finds all of it in the audit
log."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.helpers import TINY_PDF  # noqa: F401  (the shared browser helpers set up Django first)

ADMIN_PASSWORD = "Sys-管理员-2026-setup"
AUDITOR_PASSWORD = "Aud-审计员-2026-setup"
NEW_PASSWORD = "Wq-台账新口令-2026"
UNITS = 60


def _contacts(path) -> None:
    """The office's 通讯录: a title row above the header, 60 units with a liaison and a head each."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["示范区各单位惩防工作联络员通讯录"])
    sheet.append(["单位名称", "姓名", "用户名", "职务", "手机号", "电子邮箱"])
    for n in range(1, UNITS + 1):
        unit = f"示范区第{n}局"
        sheet.append(
            [unit, f"联络员{n}", f"liaison{n:02d}", "联络员", f"1390000{n:04d}", f"l{n}@example.test"]
        )
        sheet.append([unit, f"负责人{n}", f"head{n:02d}", "单位负责人", f"1380000{n:04d}", ""])
    book.save(path)


def _sign_in(page, base, username, password):
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


@pytest.mark.django_db(transaction=True)
def test_an_office_is_onboarded_and_every_step_is_in_the_audit_log(page, live_server, tmp_path):
    base = live_server.url
    # A fresh installation: the first region, its system administrator and its audit administrator.
    (tmp_path / "admin").write_text(ADMIN_PASSWORD + "\n")
    (tmp_path / "auditor").write_text(AUDITOR_PASSWORD + "\n")
    out = io.StringIO()
    call_command(
        "setup",
        "--region=示范区",
        "--level=district",
        "--username=sysadmin",
        "--display-name=王芳",
        f"--password-file={tmp_path / 'admin'}",
        "--audit-admin=auditor",
        f"--audit-admin-password-file={tmp_path / 'auditor'}",
        "--no-input",
        stdout=out,
    )

    # The system administrator imports the 通讯录 and takes the passwords file.
    contacts = tmp_path / "通讯录.xlsx"
    _contacts(contacts)
    _sign_in(page, base, "sysadmin", ADMIN_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("管理")
    page.locator(".masthead").get_by_role("link", name="通讯录导入").click()
    page.get_by_label("通讯录（.xlsx）").set_input_files(str(contacts))
    page.get_by_role("button", name="上传并预览").click()
    expect(page.locator("table")).to_contain_text("liaison60")
    expect(page.locator("table")).to_contain_text("新单位")
    page.get_by_role("button", name="确认导入").click()
    # The import is a background job: its page waits for the worker, then shows the counts and the way back.
    expect(page.get_by_role("heading", level=1)).to_contain_text("人员导入")
    expect(page.locator(".panel")).to_contain_text("排队中")
    call_command("worker", "--once", stdout=io.StringIO(), stderr=io.StringIO())
    expect(page.locator(".panel")).to_contain_text(f"新建账号 {2 * UNITS} 个", timeout=10_000)  # htmx polls
    page.get_by_role("link", name="返回人员导入").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="下载初始密码（.xlsx）").click()
    handed_over = io.BytesIO(info.value.path().read_bytes())  # the download is saved without a suffix
    sheet = openpyxl.load_workbook(handed_over, read_only=True).active
    rows = [row for row in sheet.iter_rows(values_only=True) if row and row[2]]
    passwords = {row[2]: row[3] for row in rows[1:]}
    assert len(passwords) == 2 * UNITS

    from taizhang.accounts.models import User
    from taizhang.units.models import Unit
    from tests.factories import make_assignment, make_plan

    assert Unit.objects.filter(name__startswith="示范区第", active=True).count() == UNITS
    assert not User.objects.filter(password__contains=passwords["liaison07"]).exists()  # never in clear

    # The office's plan gives unit 7 a line (made here: plan import has its own browser test).
    unit = Unit.objects.get(name="示范区第7局")
    plan = make_plan(
        region=unit.region, title="示范区2026年惩防体系建设任务分解", period_start=2026, period_end=2026
    )
    line = make_assignment(task=plan.tasks.first(), unit=unit)

    # The liaison signs in with the handed-over password and is made to choose their own first.
    page.context.clear_cookies()
    _sign_in(page, base, "liaison07", passwords["liaison07"])
    page.wait_for_url("**/account/password/**")
    page.get_by_label("当前密码").fill(passwords["liaison07"])
    page.get_by_label("新密码", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("再次输入新密码").fill(NEW_PASSWORD)
    page.get_by_role("button", name="修改密码").click()
    expect(page.locator(".messages")).to_contain_text("密码已修改")

    # ... and reports on the line.
    first_period = date(2026, 1, 1)
    page.goto(f"{base}/assignments/{line.pk}/reports/{first_period.isoformat()}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("进展报送")
    page.get_by_label("进展状态").select_option(label="推进中")
    page.get_by_label("进展情况").fill("已召开专题会议部署，正在制定实施细则。")
    page.get_by_role("button", name="报送", exact=True).click()
    page.get_by_role("button", name="确认报送").click()  # the confirmation page says what happens
    expect(page.locator(".messages li.success")).to_contain_text("已报送")

    # The audit administrator finds every step: the imports, the sign-in, the change, the report.
    page.context.clear_cookies()
    _sign_in(page, base, "auditor", AUDITOR_PASSWORD)
    page.locator(".masthead").get_by_role("link", name="审计日志").click()
    page.get_by_label("操作人（账号或姓名）").fill("liaison07")
    page.get_by_role("button", name="筛选").click()
    log = page.locator("main")
    for action in ("auth.login", "password.change", "report.submit"):
        expect(log).to_contain_text(action)
    page.get_by_label("操作人（账号或姓名）").fill("sysadmin")
    page.get_by_role("button", name="筛选").click()
    expect(log).to_contain_text("user.onboard")
    expect(log).to_contain_text("onboarding.import")
