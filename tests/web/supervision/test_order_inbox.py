"""order_inbox: a unit's orders — issued or closed, addressed to it — with its own reply's state."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factories import make_order
from tests.web.supervision.conftest import page

pytestmark = pytest.mark.django_db


def test_the_unit_sees_its_orders_and_how_long_is_left(client, city, order, r1):
    make_order(units=[city.u2], issuer=city.office, title="只发财政局的督办单")
    make_order(units=[city.u1], issuer=city.office, state="draft", title="尚未下发的督办单")
    client.force_login(city.liaison1)
    response = client.get(reverse("order_inbox"))
    html = page(response)
    assert list(response.context["page"]) == [r1]
    assert "关于落实公务接待制度的督办单" in html and "还有 10 天" in html and "待回复" in html
    assert "只发财政局的督办单" not in html and "尚未下发的督办单" not in html


def test_an_overdue_reply_says_how_late(client, city, order, clock):
    clock(date(2021, 7, 3))
    client.force_login(city.head1)
    assert "已逾期 3 天" in page(client.get(reverse("order_inbox")))


@pytest.mark.parametrize("who", ["office", "leader"])
def test_the_office_and_leaders_get_403(client, city, who):
    client.force_login(getattr(city, who))
    assert client.get(reverse("order_inbox")).status_code == 403
