"""安全审计 of denied access and downloads: every 403 and every attachment sent is an audit entry naming the
person, the client address and the path (never the query), whichever layer answered."""

import pytest
from django.urls import reverse

from taizhang.accounts.access_audit import DENIED, DOWNLOAD
from taizhang.audit.models import AuditEvent
from tests.web.reports.test_evidence_download import _body

pytestmark = pytest.mark.django_db


def _entries(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_a_page_refused_for_the_role_is_recorded_with_the_person_and_address(client, town):
    client.force_login(town.liaison_a)
    response = client.get(reverse("audit_log") + "?q=secret", REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 403
    (entry,) = _entries(DENIED)
    assert entry.actor == town.liaison_a and entry.ip == "10.1.2.3"
    assert entry.result == AuditEvent.Result.FAILURE
    assert entry.after == {"method": "GET", "path": reverse("audit_log"), "status": 403}  # no query string


def test_a_page_the_role_may_see_is_not_a_denial(client, town):
    client.force_login(town.liaison_a)
    assert client.get(reverse("my_tasks")).status_code == 200
    assert _entries(DENIED) == []


def test_an_evidence_download_is_recorded(client, town, q1_evidence):
    client.force_login(town.liaison_a)
    response = client.get(reverse("evidence_download", args=[q1_evidence.pk]), REMOTE_ADDR="10.1.2.4")
    assert response.status_code == 200 and _body(response)
    (entry,) = _entries(DOWNLOAD)
    assert entry.actor == town.liaison_a and entry.ip == "10.1.2.4"
    assert entry.after["path"] == reverse("evidence_download", args=[q1_evidence.pk])
    assert entry.after["type"] == "application/pdf" and entry.result == AuditEvent.Result.SUCCESS


def test_a_page_is_not_a_download(client, town):
    client.force_login(town.liaison_a)
    client.get(reverse("my_tasks"))
    assert _entries(DOWNLOAD) == []
