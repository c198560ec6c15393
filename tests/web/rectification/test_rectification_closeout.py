"""申请销号 on the item's page: with at least one file; without one the form is refused and nothing is
saved; a stale page is 409."""

import pytest
from django.urls import reverse

from taizhang.rectification.models import RectificationFile, RectificationItem, RectificationStep
from tests.inspections.world import pdf
from tests.rectification.helpers import open_item

pytestmark = pytest.mark.django_db


def _post(client, item, version=None, **data):
    body = {"note": "已完成", "expected_version": version or item.version, **data}
    return client.post(reverse("rectification_closeout", args=[item.pk]), body)


def test_the_unit_applies_with_a_file(client, city):
    item = open_item(city)
    client.force_login(city.liaison_a)
    assert _post(client, item, files=[pdf("整改报告.pdf")]).status_code == 302
    item.refresh_from_db()
    assert item.state == "closeout_requested" and item.evidence.get().original_name == "整改报告.pdf"


def test_a_closeout_without_evidence_is_refused_and_nothing_is_saved(client, city):
    item = open_item(city)
    client.force_login(city.liaison_a)
    response = _post(client, item)
    assert response.status_code == 422 and "files" in response.context["closeout_form"].errors
    stored = RectificationItem.objects.get(pk=item.pk)
    assert (stored.state, stored.version) == ("open", item.version)
    assert not RectificationFile.objects.exists() and not RectificationStep.objects.exists()


def test_an_application_from_a_stale_page_is_409(client, city):
    item = open_item(city)
    client.force_login(city.liaison_a)
    assert _post(client, item, version=item.version + 5, files=[pdf()]).status_code == 409
    assert not RectificationFile.objects.exists()


def test_the_office_does_not_apply_for_the_unit(client, city):
    item = open_item(city)
    client.force_login(city.admin)
    assert _post(client, item, files=[pdf()]).status_code == 403
