"""order_detail: the order with every unit's reply for the office, leaders and inspectors; only its own
reply for a unit — another unit's reply is never shown, and asking for it is 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.supervision.models import OrderReplyFile
from taizhang.supervision.services import order_reply
from tests.factories import make_evidence, make_order, make_unit
from tests.web.supervision.conftest import page

pytestmark = pytest.mark.django_db


@pytest.fixture
def replied(city, r1, r2):
    order_reply(actor=city.liaison1, recipient=r1, text="发改委的回复内容", expected_version=r1.version)
    order_reply(actor=city.liaison2, recipient=r2, text="财政局的回复内容", expected_version=r2.version)
    evidence = make_evidence(order_recipient=r2, uploaded_by=city.liaison2)
    OrderReplyFile.objects.filter(pk=evidence.pk).update(original_name="财政局佐证.pdf")


@pytest.mark.parametrize("who", ["office", "leader", "inspector"])
def test_the_region_sees_every_units_reply(client, city, order, replied, who):
    client.force_login(getattr(city, who))
    html = page(client.get(reverse("order_detail", args=[order.pk])))
    assert "发改委的回复内容" in html and "财政局的回复内容" in html and "财政局佐证.pdf" in html


def test_a_unit_sees_only_its_own_reply(client, city, order, replied):
    client.force_login(city.liaison1)
    response = client.get(reverse("order_detail", args=[order.pk]))
    html = page(response)
    assert response.status_code == 200 and "发改委的回复内容" in html
    assert "财政局的回复内容" not in html and "财政局佐证.pdf" not in html and "市财政局" not in html


def test_the_office_gets_accept_and_return_on_a_reply_waiting(client, city, order, replied):
    client.force_login(city.office)
    html = page(client.get(reverse("order_detail", args=[order.pk])))
    assert html.count('value="accept"') == 2 and 'name="reason"' in html


def test_a_leader_gets_no_actions(client, city, order, replied):
    client.force_login(city.leader)
    html = page(client.get(reverse("order_detail", args=[order.pk])))
    assert 'value="accept"' not in html and reverse("order_issue", args=[order.pk]) not in html


def test_the_unit_gets_the_reply_form_while_it_owes_a_reply(client, city, order, r1):
    client.force_login(city.head1)
    html = page(client.get(reverse("order_detail", args=[order.pk])))
    assert (
        reverse("order_reply", args=[r1.pk]) in html
        and reverse("order_evidence_upload", args=[r1.pk]) in html
    )


def test_a_unit_not_addressed_gets_404(client, city):
    other = make_order(units=[city.u2], issuer=city.office)
    client.force_login(city.liaison1)
    assert client.get(reverse("order_detail", args=[other.pk])).status_code == 404


def test_a_draft_is_404_for_units_and_offers_issue_to_the_office(client, city):
    draft = make_order(units=[city.u1], issuer=city.office, state="draft")
    client.force_login(city.liaison1)
    assert client.get(reverse("order_detail", args=[draft.pk])).status_code == 404
    client.force_login(city.office)
    assert reverse("order_issue", args=[draft.pk]) in page(
        client.get(reverse("order_detail", args=[draft.pk]))
    )


def test_another_regions_office_gets_404(client, city, order):
    client.force_login(city.far_office)
    assert client.get(reverse("order_detail", args=[order.pk])).status_code == 404


def test_the_page_costs_the_same_for_2_and_20_units(client, city):
    client.force_login(city.office)
    counts = []
    for n in (2, 20):
        units = [make_unit(region=city.region) for _ in range(n)]
        order = make_order(units=units, issuer=city.office)
        for recipient in order.recipients.all():
            make_evidence(order_recipient=recipient)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("order_detail", args=[order.pk])).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
