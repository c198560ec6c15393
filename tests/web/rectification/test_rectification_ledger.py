"""整改台账 page: a unit sees only its own items, the office and leaders the region's; filters narrow; the
page costs the same queries for 3 items as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.rectification.models import RectificationItem
from tests.rectification.helpers import item_in, open_item, refuse

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(city):
    return open_item(city, unit=city.a), open_item(city, unit=city.b)


def _units(response):
    return sorted(item.unit.name for item in response.context["page"].object_list)


def test_a_unit_sees_only_its_own_items(client, city, items):
    client.force_login(city.liaison_a)
    response = client.get(reverse("rectification_ledger"))
    assert _units(response) == ["市发展和改革委员会"] and "市财政局" not in response.content.decode()


@pytest.mark.parametrize("who", ["admin", "leader", "inspector"])
def test_the_region_sees_every_item(client, city, items, who):
    client.force_login(getattr(city, who))
    assert _units(client.get(reverse("rectification_ledger"))) == ["市发展和改革委员会", "市财政局"]


def test_another_region_sees_none(client, city, items):
    client.force_login(city.admin_x)
    assert _units(client.get(reverse("rectification_ledger"))) == []


def test_filters_by_unit_and_state_and_a_bad_value_widens_nothing(client, city, items):
    client.force_login(city.admin)
    assert _units(client.get(reverse("rectification_ledger"), {"unit": city.b.pk})) == ["市财政局"]
    assert _units(client.get(reverse("rectification_ledger"), {"state": "closed"})) == []
    client.force_login(city.liaison_a)
    assert _units(client.get(reverse("rectification_ledger"), {"unit": city.b.pk})) == ["市发展和改革委员会"]


def test_overdue_items_are_marked_and_filtered(client, city, items, clock):
    from datetime import date

    clock(date(2021, 7, 1))
    client.force_login(city.admin)
    response = client.get(reverse("rectification_ledger"), {"overdue": "on"})
    assert len(_units(response)) == 2 and all(item.overdue for item in response.context["page"].object_list)
    assert response.context["overdue_count"] == 2


def test_the_ledger_costs_the_same_queries_for_3_and_30_items(client, city):
    client.force_login(city.admin)
    counts = []
    for n in (3, 30):
        while RectificationItem.objects.count() < n:
            item = item_in(city, "closeout_requested")
            refuse(city, item)  # a refusal to show, prefetched
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("rectification_ledger"))
        assert len(response.context["page"].object_list) == n
        counts.append(len(queries))
    assert counts[0] == counts[1]
