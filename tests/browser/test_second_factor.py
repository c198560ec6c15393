"""A system administrator (who must use a second factor) signs in with the password, is sent to enrol the
authenticator, scans nothing but reads the secret off the page (the QR code is drawn), confirms with a
code, keeps the recovery codes, signs out, and signs in again with the password and a fresh code."""

import time

import pyotp
import pytest
from playwright.sync_api import expect

from tests.browser.helpers import logout
from tests.web.conftest import PASSWORD


@pytest.fixture
def sysadmin(transactional_db, settings):
    from taizhang.accounts.models import Role
    from tests.factories import make_region, make_unit, make_user

    settings.TAIZHANG_2FA_REQUIRED_ROLES = ["system_admin", "security_admin", "audit_admin", "office_admin"]
    region = make_region(name="示范市")
    return make_user(
        unit=make_unit(region=region, name="示范市纪委"),
        role=Role.SYSTEM_ADMIN,
        region=region,
        username="sysadmin",
        password=PASSWORD,
    )


def _password(page, base: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill("sysadmin")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_enrol_then_sign_in_with_a_code(page, live_server, sysadmin):
    _password(page, live_server.url)
    page.wait_for_url("**/account/second-factor/")
    qr = page.get_by_role("img", name="动态口令二维码")
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.naturalWidth") > 0  # the inline SVG passed the CSP and was drawn
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    totp = pyotp.TOTP(secret)
    page.get_by_label("验证码").fill(totp.now())
    page.get_by_role("button", name="确认启用").click()
    expect(page.locator("#recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="已保存，返回个人设置").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("个人设置")
    logout(page)

    _password(page, live_server.url)
    page.wait_for_url("**/login/second-factor/")
    page.get_by_label("验证码").fill(totp.at(time.time() + 30))  # the next step: the last one is used
    page.get_by_role("button", name="验证").click()
    page.wait_for_url("**/manage/")
    expect(page.locator(".masthead .who")).to_be_visible()
