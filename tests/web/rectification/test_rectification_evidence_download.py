"""Rectification files (application and progress): to those who may read the item; 404 for another unit,
another region, and for files that are not an item's."""

import pytest
from django.urls import reverse

from tests.inspections.world import advance, find, pdf, plan
from tests.rectification.helpers import apply, open_item

pytestmark = pytest.mark.django_db


def _get(client, evidence):
    return client.get(reverse("rectification_evidence_download", args=[evidence.pk]))


def test_the_unit_and_the_region_download_and_another_unit_gets_404(client, city):
    item = apply(city, open_item(city), files=[pdf("整改报告.pdf", b"%PDF-1.4 report")])
    evidence = item.evidence.get()
    for who in ("liaison_a", "leader", "admin"):
        client.force_login(getattr(city, who))
        response = _get(client, evidence)
        assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 report"
    for who in ("liaison_b", "admin_x"):
        client.force_login(getattr(city, who))
        assert _get(client, evidence).status_code == 404


def test_a_findings_file_is_not_served_here(client, city):
    finding = find(city, advance(city, plan(city), "in_progress"), files=[pdf()])
    client.force_login(city.admin)
    assert _get(client, finding.evidence.get()).status_code == 404
