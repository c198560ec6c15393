"""order_issue and order_close: the office's steps on a whole order, from the version it saw."""

import pytest
from django.urls import reverse

from taizhang.supervision.models import OrderRecipient, SupervisionOrder
from tests.factories import make_order
from tests.web.supervision.conftest import page

pytestmark = pytest.mark.django_db


def test_the_office_issues_a_draft(client, city):
    draft = make_order(units=[city.u1], issuer=city.office, state="draft")
    client.force_login(city.office)
    response = client.post(reverse("order_issue", args=[draft.pk]), {"expected_version": draft.version})
    assert response.status_code == 302 and SupervisionOrder.objects.get(pk=draft.pk).state == "issued"


def test_closing_with_replies_open_is_422_naming_the_units(client, city, order):
    client.force_login(city.office)
    response = client.post(reverse("order_close", args=[order.pk]), {"expected_version": order.version})
    assert response.status_code == 422 and "尚未采纳，不能办结" in page(response)
    assert SupervisionOrder.objects.get(pk=order.pk).state == "issued"


def test_the_office_closes_once_every_reply_is_accepted(client, city, order):
    order.recipients.update(state="accepted", replied_at=order.issued_at, accepted_at=order.issued_at)
    client.force_login(city.office)
    html = page(client.get(reverse("order_detail", args=[order.pk])))
    assert reverse("order_close", args=[order.pk]) in html
    client.post(reverse("order_close", args=[order.pk]), {"expected_version": order.version})
    assert SupervisionOrder.objects.get(pk=order.pk).state == "closed"


@pytest.mark.parametrize(("who", "status"), [("leader", 403), ("liaison1", 403), ("far_office", 404)])
@pytest.mark.parametrize("step", ["order_issue", "order_close"])
def test_nobody_else_takes_the_steps(client, city, order, who, status, step):
    client.force_login(getattr(city, who))
    assert (
        client.post(reverse(step, args=[order.pk]), {"expected_version": order.version}).status_code == status
    )
    assert set(OrderRecipient.objects.values_list("state", flat=True)) == {"pending"}
