"""The verifier hook (``TAIZHANG_SECOND_FACTORS``): a deployment's own class — here a fake hardware key —
is asked at sign-in after the password, its challenge shown for the client component, and only its
``verify`` decides; a bad dotted path is a configuration error the system check names."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from taizhang.accounts.second_factor.factors import check_second_factors
from taizhang.audit.models import AuditEvent
from tests.second_factor.conftest import code_step, password_step, signed_in

FAKE = "tests.second_factor.test_pluggable.FakeUsbKey"


class FakeUsbKey:
    """Enrolled for ``liaison1`` only; the "signature" of the challenge is the challenge reversed."""

    name = "fake_usb_key"
    label = "USB Key"

    def enrolled(self, user) -> bool:
        return user.username == "liaison1"

    def challenge(self, user, request) -> str:
        return f"nonce-{user.pk}"

    def verify(self, user, code, request) -> bool:
        return code == f"nonce-{user.pk}"[::-1]

    def enrol_url(self):
        return None


def test_a_plugged_verifier_is_asked_after_the_password(office, settings):
    settings.TAIZHANG_SECOND_FACTORS = [FAKE]
    client = Client()
    assert password_step(client, "liaison1")["Location"] == reverse("login_second_factor")
    page = client.get(reverse("login_second_factor")).content.decode()
    assert f'data-challenge="nonce-{office.liaison_1.pk}"' in page
    code_step(client, "not-signed")
    assert not signed_in(client)
    code_step(client, f"nonce-{office.liaison_1.pk}"[::-1])
    assert signed_in(client)
    assert AuditEvent.objects.get(action="auth.second_factor").after == {"factor": "fake_usb_key"}


def test_a_person_the_verifier_does_not_know_signs_in_with_the_password(office, settings):
    settings.TAIZHANG_SECOND_FACTORS = [FAKE]
    client = Client()
    password_step(client, office.clerk_2.username)
    assert signed_in(client)


def test_a_path_that_does_not_import_is_a_configuration_error(settings):
    settings.TAIZHANG_SECOND_FACTORS = ["taizhang.nowhere.Key"]
    settings.TAIZHANG_2FA_REQUIRED_ROLES = ["office_admin", "chairman"]
    messages = [error.msg for error in check_second_factors()]
    assert any("taizhang.nowhere.Key" in m for m in messages) and any("chairman" in m for m in messages)
