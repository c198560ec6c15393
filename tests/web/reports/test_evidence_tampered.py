"""完整性 of evidence at rest: a file whose stored bytes were changed on disk is not served as genuine. The
download is refused with 409 and a page that says so, the audit log has ``file.tampered`` (result failure,
both digests) and the region's security administrator is told once, however often it is asked for."""

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.notifications.models import Notification
from tests.factories import make_user
from tests.web.reports.helpers import PDF

pytestmark = pytest.mark.django_db


def _alter(evidence) -> None:
    with open(evidence.blob.file.path, "r+b") as f:
        f.seek(10)
        f.write(b"X")


@pytest.fixture
def security_admin(town):
    return make_user(unit=None, role=Role.SECURITY_ADMIN, region=town.region)


def test_genuine_bytes_are_served_whole(client, town, q1_evidence):
    client.force_login(town.liaison_a)
    response = client.get(reverse("evidence_download", args=[q1_evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert not AuditEvent.objects.filter(action="file.tampered").exists()


def test_changed_bytes_are_refused_with_409_and_a_page_that_says_so(client, town, q1_evidence):
    _alter(q1_evidence)
    client.force_login(town.liaison_a)
    response = client.get(reverse("evidence_download", args=[q1_evidence.pk]))
    assert response.status_code == 409
    assert "Content-Disposition" not in response
    assert "校验" in response.content.decode()
    assert PDF[:20] not in response.content


def test_changed_bytes_are_recorded_as_file_tampered_with_both_digests(client, town, q1_evidence):
    _alter(q1_evidence)
    client.force_login(town.liaison_a)
    client.get(reverse("evidence_download", args=[q1_evidence.pk]))
    event = AuditEvent.objects.get(action="file.tampered")
    assert event.result == AuditEvent.Result.FAILURE
    assert event.actor == town.liaison_a
    assert event.after["expected_sha256"] == q1_evidence.blob.sha256
    assert event.after["found_sha256"] != q1_evidence.blob.sha256


def test_the_regions_security_administrator_is_told_once(client, town, q1_evidence, security_admin):
    _alter(q1_evidence)
    client.force_login(town.liaison_a)
    for _ in range(3):
        client.get(reverse("evidence_download", args=[q1_evidence.pk]))
    assert AuditEvent.objects.filter(action="file.tampered").count() == 3
    told = Notification.objects.filter(recipient=security_admin)
    assert told.count() == 1
    assert "安全告警" in told.get().subject
    assert not Notification.objects.filter(recipient=town.admin, subject__contains="安全告警").exists()
