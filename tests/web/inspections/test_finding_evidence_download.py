"""Finding files: to those who may read the finding — a unit its own, and a covert one's only once
published — as an attachment; 404 for anyone else and for files that are not a finding's."""

import pytest
from django.urls import reverse

from tests.inspections.world import advance, find, pdf, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def covert_file(city):
    inspection = advance(city, plan(city, kind="covert"), "done")
    find(city, inspection, unit=city.a, files=[pdf("暗访照片.pdf", b"%PDF-1.4 photo")])
    return inspection, inspection.findings.get().evidence.get()


def _get(client, evidence):
    return client.get(reverse("finding_evidence_download", args=[evidence.pk]))


def test_the_office_side_downloads_before_publication(client, city, covert_file):
    client.force_login(city.inspector)
    response = _get(client, covert_file[1])
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 photo"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_unit_downloads_only_after_publication_and_another_unit_never(client, city, covert_file):
    inspection, evidence = covert_file
    client.force_login(city.liaison_a)
    assert _get(client, evidence).status_code == 404
    advance(city, inspection, "published")
    assert _get(client, evidence).status_code == 200
    client.force_login(city.liaison_b)
    assert _get(client, evidence).status_code == 404
