"""重置第二因素: only the security administrator of the person's region resets it — not their own, not the
system or audit administrator (三员分立) — audited, with the person's sessions ended."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from taizhang.accounts.models import TotpDevice
from taizhang.audit.models import AuditEvent
from tests.second_factor.conftest import enrol


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_security_administrator_resets_and_the_persons_sessions_end(office, clock):
    enrol(office.liaison_1)
    theirs = _as(office.liaison_1)
    page = _as(office.secadmin).get(reverse("user_detail", args=[office.liaison_1.pk])).content.decode()
    assert reverse("user_second_factor_reset", args=[office.liaison_1.pk]) in page
    answer = _as(office.secadmin).post(reverse("user_second_factor_reset", args=[office.liaison_1.pk]))
    assert answer.status_code == 302
    assert not TotpDevice.objects.filter(user=office.liaison_1).exists()
    entry = AuditEvent.objects.get(action="second_factor.reset")
    assert entry.actor == office.secadmin and entry.before["recovery_codes_unused"] == 10
    assert theirs.get(reverse("profile")).status_code == 302  # signed out


def test_the_system_and_audit_administrators_cannot_reset(office, clock):
    enrol(office.liaison_1)
    for admin in (office.sysadmin, office.auditor):
        answer = _as(admin).post(reverse("user_second_factor_reset", args=[office.liaison_1.pk]))
        assert answer.status_code == 403
    assert TotpDevice.objects.filter(user=office.liaison_1).exists()


def test_the_security_administrator_cannot_reset_their_own(office, clock):
    enrol(office.secadmin)
    answer = _as(office.secadmin).post(
        reverse("user_second_factor_reset", args=[office.secadmin.pk]), follow=True
    )
    assert "不能重置自己的第二因素" in answer.content.decode()
    assert TotpDevice.objects.filter(user=office.secadmin).exists()
    assert not AuditEvent.objects.filter(action="second_factor.reset").exists()


def test_another_regions_account_is_not_found(office, clock):
    enrol(office.liaison_b)
    answer = _as(office.secadmin).post(reverse("user_second_factor_reset", args=[office.liaison_b.pk]))
    assert answer.status_code == 404
