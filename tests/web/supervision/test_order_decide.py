"""order_decide: the office accepts a unit's reply or returns it with a reason."""

import pytest
from django.urls import reverse

from taizhang.supervision.models import OrderRecipient
from taizhang.supervision.services import order_reply
from tests.web.supervision.conftest import page

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(city, r1):
    return order_reply(actor=city.liaison1, recipient=r1, text="已办理。", expected_version=r1.version)


def _post(client, recipient, **data):
    return client.post(
        reverse("order_decide", args=[recipient.pk]), {"expected_version": recipient.version, **data}
    )


def test_the_office_accepts(client, city, waiting):
    client.force_login(city.office)
    assert _post(client, waiting, action="accept").status_code == 302
    assert OrderRecipient.objects.get(pk=waiting.pk).state == "accepted"


def test_the_office_returns_with_a_reason(client, city, waiting):
    client.force_login(city.office)
    assert _post(client, waiting, action="return", reason="请补充会议纪要").status_code == 302
    stored = OrderRecipient.objects.get(pk=waiting.pk)
    assert (stored.state, stored.return_reason) == ("returned", "请补充会议纪要")
    client.force_login(city.liaison1)
    assert "请补充会议纪要" in page(client.get(reverse("order_detail", args=[waiting.order_id])))


def test_a_return_without_a_reason_is_422(client, city, waiting):
    client.force_login(city.office)
    response = _post(client, waiting, action="return", reason=" ")
    assert response.status_code == 422 and "退回须说明理由" in page(response)
    assert OrderRecipient.objects.get(pk=waiting.pk).state == "replied"


def test_accepting_a_reply_not_yet_sent_is_422(client, city, r2):
    client.force_login(city.office)
    assert _post(client, r2, action="accept").status_code == 422


@pytest.mark.parametrize(("who", "status"), [("liaison1", 403), ("leader", 403), ("far_office", 404)])
def test_nobody_else_decides(client, city, waiting, who, status):
    client.force_login(getattr(city, who))
    assert _post(client, waiting, action="accept").status_code == status
    assert OrderRecipient.objects.get(pk=waiting.pk).state == "replied"
