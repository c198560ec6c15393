"""order_list: the office's, leaders' and inspectors' list of the region's orders, with replies counted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.supervision.models import OrderRecipient
from tests.factories import make_order
from tests.web.supervision.conftest import page

pytestmark = pytest.mark.django_db


def test_the_office_sees_its_regions_orders_with_counts_and_the_new_button(client, city, order, r1):
    OrderRecipient.objects.filter(pk=r1.pk).update(state="overdue")
    make_order(units=[city.far], title="外地督办单")
    client.force_login(city.office)
    response = client.get(reverse("order_list"))
    html = page(response)
    assert response.status_code == 200 and list(response.context["page"]) == [order]
    assert "关于落实公务接待制度的督办单" in html and "外地督办单" not in html
    assert '<td class="num" data-label="逾期">1</td>' in html
    assert reverse("order_create") in html


def test_a_leader_reads_the_list_without_the_new_button(client, city, order):
    client.force_login(city.leader)
    response = client.get(reverse("order_list"))
    assert response.status_code == 200 and reverse("order_create") not in page(response)


def test_drafts_are_listed_for_the_office_only(client, city):
    make_order(units=[city.u1], issuer=city.office, state="draft", title="草拟中的督办单")
    client.force_login(city.leader)
    assert "草拟中的督办单" not in page(client.get(reverse("order_list")))
    client.force_login(city.office)
    assert "草拟中的督办单" in page(client.get(reverse("order_list")))


def test_the_state_filter_narrows(client, city, order):
    make_order(units=[city.u1], issuer=city.office, state="draft")
    client.force_login(city.office)
    assert list(client.get(reverse("order_list"), {"state": "issued"}).context["page"]) == [order]


@pytest.mark.parametrize("who", ["liaison1", "head1"])
def test_units_get_403(client, city, who):
    client.force_login(getattr(city, who))
    assert client.get(reverse("order_list")).status_code == 403


def test_the_list_costs_the_same_for_3_and_30_orders(client, city):
    client.force_login(city.office)
    counts = []
    for total in (3, 30):
        while len(list(client.get(reverse("order_list")).context["page"])) < total:
            make_order(units=[city.u1, city.u2], issuer=city.office)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("order_list"))
        counts.append(len(queries))
    assert counts[0] == counts[1]
