"""order_reply: the unit's liaison or head replies to an issued order — on time, late, or again after a
return. A reply to a closed order or an accepted reply is refused with a clear message and saves nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.refusal import Refusal
from taizhang.supervision.models import OrderRecipient, OrderStep, SupervisionOrder
from taizhang.supervision.services import order_reply
from tests.factories import make_order

pytestmark = pytest.mark.django_db


def _reply(recipient, actor, text="已召开专题会议落实。"):
    return order_reply(actor=actor, recipient=recipient, text=text, expected_version=recipient.version)


def _unchanged(recipient):
    stored = OrderRecipient.objects.get(pk=recipient.pk)
    return (stored.state, stored.reply_text, stored.version) == (
        recipient.state,
        recipient.reply_text,
        recipient.version,
    )


@pytest.mark.parametrize("who", ["liaison1", "head1"])
def test_the_units_liaison_or_head_replies(city, r1, who):
    actor = getattr(city, who)
    replied = _reply(r1, actor, "  已召开专题会议落实。 ")
    stored = OrderRecipient.objects.get(pk=r1.pk)
    assert replied.state == stored.state == "replied"
    assert stored.reply_text == "已召开专题会议落实。" and stored.replied_by == actor and stored.replied_at
    step = OrderStep.objects.get(recipient=r1)
    assert (step.from_state, step.to_state, step.actor) == ("pending", "replied", actor)
    event = AuditEvent.objects.get(action="order.reply")
    assert event.after["reply_text"] == "已召开专题会议落实。" and event.before["state"] == "pending"


def test_a_reply_to_a_closed_order_is_refused_and_nothing_is_saved(city, order, r1):
    SupervisionOrder.objects.filter(pk=order.pk).update(state="closed", closed_at=order.issued_at)
    r1 = OrderRecipient.objects.select_related("order").get(pk=r1.pk)
    with pytest.raises(Refusal) as refused:
        _reply(r1, city.liaison1)
    assert refused.value.code == "order_closed"
    assert refused.value.zh == "督办单已办结，不能再回复或上传材料。"
    assert _unchanged(r1) and not OrderStep.objects.exists()
    assert not AuditEvent.objects.filter(action="order.reply").exists()


def test_a_reply_to_a_draft_order_is_refused(city):
    draft = make_order(units=[city.u1], issuer=city.office, state="draft")
    with pytest.raises(Refusal, match="草稿"):
        _reply(draft.recipients.get(), city.liaison1)


def test_an_accepted_reply_cannot_be_replied_again(city, r1):
    OrderRecipient.objects.filter(pk=r1.pk).update(
        state="accepted", replied_at=r1.order.issued_at, accepted_at=r1.order.issued_at
    )
    r1.refresh_from_db()
    with pytest.raises(Refusal) as refused:
        _reply(r1, city.liaison1)
    assert refused.value.code == "reply_locked" and "已采纳" in str(refused.value)
    assert _unchanged(r1)


def test_a_reply_waiting_for_the_office_is_locked(city, r1):
    r1 = _reply(r1, city.liaison1)
    with pytest.raises(Refusal, match="已回复"):
        _reply(r1, city.liaison1, "再补充一点。")


def test_a_late_reply_is_taken(city, r1):
    OrderRecipient.objects.filter(pk=r1.pk).update(state="overdue")
    r1.refresh_from_db()
    assert _reply(r1, city.liaison1).state == "replied"
    assert OrderStep.objects.get(recipient=r1).from_state == "overdue"


def test_a_blank_reply_is_refused(city, r1):
    with pytest.raises(Refusal) as refused:
        _reply(r1, city.liaison1, "  \n ")
    assert refused.value.code == "required" and _unchanged(r1)


@pytest.mark.parametrize("who", ["liaison2", "head2", "office", "leader", "inspector"])
def test_nobody_but_the_unit_replies_for_it(city, r1, who):
    with pytest.raises(PermissionDenied):
        _reply(r1, getattr(city, who))
    assert _unchanged(r1)


def test_a_reply_from_an_outdated_page_is_a_stale_edit(city, r1):
    with pytest.raises(StaleEdit):
        order_reply(actor=city.liaison1, recipient=r1, text="已办理。", expected_version=r1.version + 1)
    assert _unchanged(r1)
