"""order_close: the office closes (办结) an issued order once every unit's reply is accepted."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.supervision.models import SupervisionOrder
from taizhang.supervision.services import order_accept, order_close, order_reply
from tests.factories import make_order

pytestmark = pytest.mark.django_db


def _accept(city, recipient, liaison):
    recipient = order_reply(
        actor=liaison, recipient=recipient, text="已办理。", expected_version=recipient.version
    )
    return order_accept(actor=city.office, recipient=recipient, expected_version=recipient.version)


def test_the_office_closes_an_order_whose_replies_are_all_accepted(city, order, r1, r2):
    _accept(city, r1, city.liaison1)
    _accept(city, r2, city.liaison2)
    closed = order_close(actor=city.office, order=order, expected_version=order.version)
    stored = SupervisionOrder.objects.get(pk=order.pk)
    assert closed.state == stored.state == "closed" and stored.closed_at is not None
    assert AuditEvent.objects.filter(action="order.close", object_id=str(order.pk)).exists()


def test_an_order_with_a_reply_not_yet_accepted_is_not_closed_and_the_unit_is_named(city, order, r1):
    _accept(city, r1, city.liaison1)
    with pytest.raises(Refusal) as refused:
        order_close(actor=city.office, order=order, expected_version=order.version)
    assert refused.value.code == "replies_open" and "市财政局" in str(refused.value)
    assert "市发改委" not in str(refused.value)
    assert SupervisionOrder.objects.get(pk=order.pk).state == "issued"


def test_a_draft_is_not_closed(city):
    draft = make_order(units=[city.u1], issuer=city.office, state="draft")
    with pytest.raises(Refusal, match="草稿"):
        order_close(actor=city.office, order=draft, expected_version=draft.version)


@pytest.mark.parametrize("who", ["leader", "head1", "far_office"])
def test_only_the_office_of_the_region_closes(city, order, who):
    with pytest.raises(PermissionDenied):
        order_close(actor=getattr(city, who), order=order, expected_version=order.version)
