"""填报整改进展 on the item's page: the unit's liaison or head, with files; readers are refused."""

import pytest
from django.urls import reverse

from tests.inspections.world import pdf
from tests.rectification.helpers import item_in, open_item

pytestmark = pytest.mark.django_db


def _post(client, item, **data):
    return client.post(reverse("rectification_progress", args=[item.pk]), {"text": "已整改", **data})


def test_the_unit_reports_progress_with_files_and_the_work_starts(client, city):
    item = open_item(city)
    client.force_login(city.head_a)
    assert _post(client, item, files=[pdf("照片.pdf")]).status_code == 302
    item.refresh_from_db()
    assert item.state == "in_progress" and item.progress.get().evidence.get().original_name == "照片.pdf"


def test_an_empty_report_is_422(client, city):
    item = open_item(city)
    client.force_login(city.liaison_a)
    assert client.post(reverse("rectification_progress", args=[item.pk]), {"text": ""}).status_code == 422
    assert not item.progress.exists()


def test_no_progress_while_the_office_verifies(client, city):
    item = item_in(city, "closeout_requested")
    client.force_login(city.liaison_a)
    assert _post(client, item).status_code == 422


def test_readers_and_other_units_are_refused(client, city):
    item = open_item(city)
    client.force_login(city.leader)
    assert _post(client, item).status_code == 403
    client.force_login(city.liaison_b)
    assert _post(client, item).status_code == 404
    assert not item.progress.exists()
