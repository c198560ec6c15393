"""完整性 of a published ranking: the frozen snapshot carries an HMAC-SM3 seal under a key outside the
database. A score raised to 99.99 with raw SQL (and the SHA-256 recomputed, as whoever can write the table
would) is not served as genuine: the page and the exports say so with 409, and the alarm is raised."""

import json

import pytest
from django.db import connection
from django.test import Client

from taizhang.assessment.snapshot import digest, published_data, snapshot_is_genuine
from taizhang.audit.models import AuditEvent
from tests.assessment.scene import create, publish


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _raise_score_with_sql(assessment) -> None:
    data = assessment.snapshot.data
    data["units"][0]["total"] = "99.99"
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assessment_snapshot SET data = %s, sha256 = %s WHERE id = %s",
            [json.dumps(data, ensure_ascii=False), digest(data), assessment.snapshot.pk],
        )


@pytest.fixture
def published(scene):
    return publish(scene, create(scene))


def test_a_published_snapshot_is_sealed_and_reads_back_genuine(published):
    kid, _, mac = published.snapshot.seal.partition(":")
    assert kid and len(mac) == 64
    assert snapshot_is_genuine(published.snapshot)
    assert published_data(published)["units"]


def test_the_ranking_page_shows_a_genuine_snapshot(scene, published):
    assert _client(scene.leader).get(f"/assessment/{published.pk}/").status_code == 200


def test_a_score_changed_with_sql_is_not_shown_as_genuine(scene, published):
    _raise_score_with_sql(published)
    page = _client(scene.leader).get(f"/assessment/{published.pk}/")
    assert page.status_code == 409
    text = page.content.decode()
    assert "完整性校验值不一致" in text and "99.99" not in text


def test_the_exports_of_a_changed_snapshot_are_refused(scene, published):
    _raise_score_with_sql(published)
    client = _client(scene.office)
    assert client.get(f"/assessment/{published.pk}/scores.xlsx").status_code == 409
    assert client.get(f"/assessment/{published.pk}/circular.docx").status_code == 409


def test_a_changed_snapshot_raises_the_alarm(scene, published):
    _raise_score_with_sql(published)
    _client(scene.leader).get(f"/assessment/{published.pk}/")
    event = AuditEvent.objects.get(action="assessment_snapshot.tampered")
    assert event.result == AuditEvent.Result.FAILURE
    assert event.after["assessment_id"] == published.pk
