"""The reply state machine: every action from every state, by the right and the wrong people. Allowed steps
move the reply, keep an OrderStep and write an audit entry; refused ones change nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.supervision.models import ORDER_STEPS, OrderRecipient, OrderStep
from taizhang.supervision.services import order_accept, order_mark_overdue, order_reply, order_return
from tests.language import chinese_only
from tests.supervision.conftest import DEADLINE

pytestmark = pytest.mark.django_db

STATES = ["pending", "replied", "accepted", "returned", "overdue"]
PEOPLE = ["liaison1", "head1", "office", "leader", "liaison2"]


def _put(recipient, state):
    """The reply in ``state``, as the services leave it (dates set)."""
    at = recipient.order.issued_at
    OrderRecipient.objects.filter(pk=recipient.pk).update(
        state=state,
        replied_at=at if state in ("replied", "accepted") else None,
        accepted_at=at if state == "accepted" else None,
    )
    return OrderRecipient.objects.select_related("order").get(pk=recipient.pk)


def _act(action, actor, recipient):
    kwargs = {"actor": actor, "recipient": recipient, "expected_version": recipient.version}
    if action == "reply":
        return order_reply(text="已办理。", **kwargs)
    if action == "return":
        return order_return(reason="材料不全", **kwargs)
    return order_accept(**kwargs)


ALLOWED = {
    ("pending", "reply", "liaison1"): "replied",
    ("pending", "reply", "head1"): "replied",
    ("returned", "reply", "liaison1"): "replied",
    ("returned", "reply", "head1"): "replied",
    ("overdue", "reply", "liaison1"): "replied",
    ("overdue", "reply", "head1"): "replied",
    ("replied", "accept", "office"): "accepted",
    ("replied", "return", "office"): "returned",
}
RIGHT_PEOPLE = {"reply": {"liaison1", "head1"}, "accept": {"office"}, "return": {"office"}}


def _cases():
    for state in STATES:
        for action, right in RIGHT_PEOPLE.items():
            for who in PEOPLE:
                if (state, action, who) in ALLOWED:
                    outcome = ALLOWED[(state, action, who)]
                elif who not in right:
                    outcome = PermissionDenied
                else:
                    outcome = Refusal
                yield pytest.param(state, action, who, outcome, id=f"{state}-{action}-by-{who}")


def test_the_services_and_the_reminder_command_take_exactly_the_models_order_steps():
    by_people = {(state, to) for (state, _, _), to in ALLOWED.items()}
    by_command = {("pending", "overdue"), ("returned", "overdue")}  # order_mark_overdue
    assert by_people | by_command == {(a.value, b.value) for a, b in ORDER_STEPS}


@pytest.mark.parametrize(("state", "action", "who", "outcome"), list(_cases()))
def test_every_action_from_every_state(city, r1, state, action, who, outcome):
    recipient = _put(r1, state)
    actor = getattr(city, who)
    version, steps, events = recipient.version, OrderStep.objects.count(), AuditEvent.objects.count()
    if isinstance(outcome, str):
        moved = _act(action, actor, recipient)
        stored = OrderRecipient.objects.get(pk=r1.pk)
        assert moved.state == stored.state == outcome and stored.version == version + 1
        step = OrderStep.objects.latest("id")
        assert (step.from_state, step.to_state, step.actor) == (state, outcome, actor)
        event = AuditEvent.objects.exclude(action="notification.create").latest(
            "id"
        )  # the step, not its messages
        assert (event.action, event.actor, event.object_id) == (f"order.{action}", actor, str(r1.pk))
    else:
        with pytest.raises(outcome) as refused:
            _act(action, actor, recipient)
        assert chinese_only(str(refused.value))  # the default language only
        stored = OrderRecipient.objects.get(pk=r1.pk)
        assert (stored.state, stored.version) == (state, version)
        assert (OrderStep.objects.count(), AuditEvent.objects.count()) == (steps, events)


@pytest.mark.parametrize(("state", "marked"), [(s, s in ("pending", "returned")) for s in STATES])
def test_the_reminder_command_marks_only_owed_replies_overdue(city, r1, state, marked):
    _put(r1, state)
    order_mark_overdue(today=DEADLINE + timedelta(days=1))
    assert (OrderRecipient.objects.get(pk=r1.pk).state == "overdue") == (marked or state == "overdue")


def test_a_return_needs_a_reason(city, r1):
    recipient = _put(r1, "replied")
    with pytest.raises(Refusal) as refused:
        order_return(actor=city.office, recipient=recipient, reason=" ", expected_version=recipient.version)
    assert refused.value.code == "required"


def test_a_return_keeps_its_reason_on_the_reply_and_the_step(city, r1):
    recipient = _put(r1, "replied")
    order_return(
        actor=city.office, recipient=recipient, reason="请补充会议纪要", expected_version=recipient.version
    )
    assert OrderRecipient.objects.get(pk=r1.pk).return_reason == "请补充会议纪要"
    assert OrderStep.objects.get(recipient=r1).reason == "请补充会议纪要"


def test_the_office_of_another_region_cannot_decide(city, r1):
    recipient = _put(r1, "replied")
    with pytest.raises(PermissionDenied):
        order_accept(actor=city.far_office, recipient=recipient, expected_version=recipient.version)
