"""核查销号 on the item's page: the office closes with its verification or refuses with a reason (a refusal
without one is 422 and changes nothing); units and readers are refused."""

import pytest
from django.urls import reverse

from taizhang.rectification.models import RectificationItem
from tests.rectification.helpers import item_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(city):
    return item_in(city, "closeout_requested")


def _post(client, item, action, note):
    body = {"action": action, "note": note, "expected_version": item.version}
    return client.post(reverse("rectification_verify", args=[item.pk]), body)


def test_the_office_closes_with_its_verification(client, city, waiting):
    client.force_login(city.admin)
    assert _post(client, waiting, "close", "现场核查属实").status_code == 302
    stored = RectificationItem.objects.get(pk=waiting.pk)
    assert (stored.state, stored.closed_by, stored.verification_note) == (
        "closed",
        city.admin,
        "现场核查属实",
    )


def test_the_office_refuses_with_a_reason(client, city, waiting):
    client.force_login(city.admin)
    assert _post(client, waiting, "refuse", "佐证不足").status_code == 302
    assert RectificationItem.objects.get(pk=waiting.pk).state == "in_progress"


def test_a_refusal_without_a_reason_is_422_and_changes_nothing(client, city, waiting):
    client.force_login(city.admin)
    assert _post(client, waiting, "refuse", "").status_code == 422
    assert RectificationItem.objects.get(pk=waiting.pk).state == "closeout_requested"


@pytest.mark.parametrize(("who", "status"), [("liaison_a", 403), ("leader", 403), ("admin_x", 404)])
def test_only_the_office_covering_the_unit_verifies(client, city, waiting, who, status):
    client.force_login(getattr(city, who))
    assert _post(client, waiting, "close", "属实").status_code == status
    assert RectificationItem.objects.get(pk=waiting.pk).state == "closeout_requested"
