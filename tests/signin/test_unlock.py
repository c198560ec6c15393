"""解除锁定 on the account page: the security administrator of the region lifts a lockout (audited), the
person signs in again at once; nobody else can, and an account that is not locked is a refusal message."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from taizhang.audit.models import AuditEvent
from tests.signin.conftest import PASSWORD
from tests.signin.test_lockout import sign_in


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _lock(username: str = "liaison1") -> None:
    for _attempt in range(5):
        sign_in(username, "wrong-口令-123")


def test_the_account_page_shows_the_lockout_and_an_unlock_button(office):
    _lock()
    page = _as(office.secadmin).get(reverse("user_detail", args=[office.liaison_1.pk])).content.decode()
    assert "锁定至" in page and reverse("user_unlock", args=[office.liaison_1.pk]) in page
    plain = _as(office.secadmin).get(reverse("user_detail", args=[office.clerk_2.pk])).content.decode()
    assert "解除锁定" not in plain


def test_the_security_administrator_unlocks_and_the_person_signs_in(office):
    _lock()
    answer = _as(office.secadmin).post(reverse("user_unlock", args=[office.liaison_1.pk]))
    assert answer.status_code == 302
    assert sign_in("liaison1", PASSWORD)[0] is True
    entry = AuditEvent.objects.get(action="auth.unlock")
    assert entry.actor == office.secadmin and entry.object_id == str(office.liaison_1.pk)


def test_the_system_administrator_cannot_unlock(office):
    _lock()
    answer = _as(office.sysadmin).post(reverse("user_unlock", args=[office.liaison_1.pk]))
    assert answer.status_code == 403
    assert sign_in("liaison1", PASSWORD)[0] is False


def test_another_regions_security_administrator_does_not_find_the_account(office):
    _lock("liaisonb")
    assert _as(office.secadmin).post(reverse("user_unlock", args=[office.liaison_b.pk])).status_code == 404


def test_unlocking_an_account_that_is_not_locked_says_so_and_records_nothing(office):
    client = _as(office.secadmin)
    answer = client.post(reverse("user_unlock", args=[office.clerk_2.pk]), follow=True)
    assert "未被锁定" in answer.content.decode()
    assert not AuditEvent.objects.filter(action="auth.unlock").exists()
