"""第二因素 on one's own settings: the enrolment shows the secret and a QR code drawn on the server (an SVG
data URI, allowed by the CSP's img-src), a wrong code is refused, the right one shows ten recovery codes
once; disabling needs the password and a code; new recovery codes replace the old."""

from __future__ import annotations

import base64
from urllib.parse import unquote

from django.test import Client
from django.urls import reverse

from taizhang.accounts.models import RecoveryCode, TotpDevice
from taizhang.audit.models import AuditEvent
from tests.second_factor.conftest import PASSWORD, code_now, enrol, next_step


def _as(user) -> Client:
    client = Client(REMOTE_ADDR="10.9.8.7")
    client.force_login(user)
    return client


def test_the_enrolment_page_shows_the_secret_and_an_inline_qr_code(office, clock):
    answer = _as(office.liaison_1).get(reverse("second_factor"))
    page = answer.content.decode()
    secret = page.split('id="totp-secret">', 1)[1].split("<", 1)[0].replace(" ", "")
    assert len(secret) == 32
    src = page.split('<img src="', 1)[1].split('"', 1)[0]
    assert src.startswith("data:image/svg+xml")
    svg = (
        unquote(src.split(",", 1)[1])
        if ";base64" not in src
        else base64.b64decode(src.split(",", 1)[1]).decode()
    )
    assert "<svg" in svg and "script" not in svg
    assert "img-src 'self' data:" in answer["Content-Security-Policy"]
    assert "otpauth://totp/" in page and f"secret={secret}" in page
    assert "no-store" in answer["Cache-Control"]
    # the page shows the same secret until it is confirmed (the person may have scanned it already)
    again = _as(office.liaison_1).get(reverse("second_factor")).content.decode()
    assert again.split('id="totp-secret">', 1)[1].split("<", 1)[0].replace(" ", "") == secret


def test_a_wrong_code_does_not_enrol(office, clock):
    client = _as(office.liaison_1)
    client.get(reverse("second_factor"))
    answer = client.post(reverse("second_factor"), {"code": "123456"})
    assert answer.status_code == 422 and "验证码不正确" in answer.content.decode()
    assert TotpDevice.objects.get(user=office.liaison_1).confirmed_at is None
    assert AuditEvent.objects.get(action="second_factor.enrol").result == AuditEvent.Result.FAILURE


def test_the_right_code_enrols_shows_ten_codes_once_and_is_audited(office, clock):
    client = _as(office.liaison_1)
    page = client.get(reverse("second_factor")).content.decode()
    secret = page.split('id="totp-secret">', 1)[1].split("<", 1)[0].replace(" ", "")
    answer = client.post(reverse("second_factor"), {"code": code_now(secret)})
    assert answer.content.decode().count("<li><code>") == 10
    entry = AuditEvent.objects.get(action="second_factor.enrol")
    assert entry.result == AuditEvent.Result.SUCCESS and entry.ip == "10.9.8.7"
    after = client.get(reverse("second_factor")).content.decode()
    assert "<li><code>" not in after and "还剩 10 个未用的恢复码" in after


def test_disabling_needs_the_password_and_a_code(office, clock):
    secret, _codes = enrol(office.liaison_1)
    next_step(clock)
    client = _as(office.liaison_1)
    url = reverse("second_factor_disable")
    wrong_password = client.post(url, {"disable-password": "nope-口令-1", "disable-code": code_now(secret)})
    assert wrong_password.status_code == 422
    wrong_code = client.post(url, {"disable-password": PASSWORD, "disable-code": "000000"})
    assert wrong_code.status_code == 422
    assert TotpDevice.objects.filter(user=office.liaison_1).exists()
    assert AuditEvent.objects.filter(action="second_factor.disable", result="failure").count() == 2
    done = client.post(url, {"disable-password": PASSWORD, "disable-code": code_now(secret)})
    assert done.status_code == 302
    assert not TotpDevice.objects.filter(user=office.liaison_1).exists()
    assert not RecoveryCode.objects.filter(user=office.liaison_1).exists()
    assert AuditEvent.objects.filter(action="second_factor.disable", result="success").exists()


def test_new_recovery_codes_replace_the_old(office, clock):
    secret, old = enrol(office.liaison_1)
    next_step(clock)
    client = _as(office.liaison_1)
    answer = client.post(reverse("recovery_codes_regenerate"), {"regenerate-code": code_now(secret)})
    listed = answer.content.decode().split('id="recovery-codes">', 1)[1].split("</ul>", 1)[0]
    new = [item.split("<", 1)[0] for item in listed.split("<code>")[1:]]
    assert len(new) == 10 and not set(new) & set(old)
    from taizhang.accounts.second_factor.recovery import recovery_code_take

    assert recovery_code_take(office.liaison_1, old[0]) is False
    assert recovery_code_take(office.liaison_1, new[0]) is True
    assert AuditEvent.objects.filter(action="second_factor.recovery_codes").exists()
