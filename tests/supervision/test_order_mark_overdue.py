"""order_mark_overdue: replies still owed after the deadline become 逾期, taken by the command (no actor);
running it again changes nothing."""

from datetime import date

import pytest
from django.utils import timezone

from taizhang.audit.models import AuditEvent
from taizhang.supervision.models import OrderRecipient, OrderStep
from taizhang.supervision.services import order_mark_overdue, order_reply
from tests.factories import make_order

pytestmark = pytest.mark.django_db

DAY_AFTER = date(2021, 7, 1)  # the order is due on 30 June


def test_replies_still_owed_the_day_after_the_deadline_become_overdue(city, order, r1, r2):
    order_reply(actor=city.liaison2, recipient=r2, text="已办理。", expected_version=r2.version)
    marked = order_mark_overdue(today=DAY_AFTER)
    assert [r.pk for r in marked] == [r1.pk]
    assert OrderRecipient.objects.get(pk=r1.pk).state == "overdue"
    assert OrderRecipient.objects.get(pk=r2.pk).state == "replied"
    step = OrderStep.objects.get(recipient=r1)
    assert (step.from_state, step.to_state, step.actor) == ("pending", "overdue", None)
    event = AuditEvent.objects.get(action="order.overdue")
    assert event.actor is None and event.object_id == str(r1.pk)


def test_nothing_is_overdue_on_the_deadline_day(city, order):
    assert order_mark_overdue(today=date(2021, 6, 30)) == []
    assert set(order.recipients.values_list("state", flat=True)) == {"pending"}


def test_running_it_twice_marks_once(city, order, r1):
    order_mark_overdue(today=DAY_AFTER)
    assert order_mark_overdue(today=DAY_AFTER) == []
    assert order_mark_overdue(today=date(2021, 7, 9)) == []
    assert OrderStep.objects.filter(recipient=r1).count() == 1
    assert AuditEvent.objects.filter(action="order.overdue").count() == 2  # r1 and r2, once each


@pytest.mark.parametrize("state", ["draft", "closed"])
def test_drafts_and_closed_orders_are_left_alone(city, state):
    closed_at = timezone.now() if state == "closed" else None
    make_order(units=[city.u1], issuer=city.office, state=state, closed_at=closed_at)
    assert order_mark_overdue(today=DAY_AFTER) == []
