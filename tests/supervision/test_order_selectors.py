"""Which orders and replies a user reads: the region's office, leaders and inspectors every reply of the
region's orders (drafts the office only); a unit the issued orders addressed to it and only its own reply."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from taizhang.supervision.models import OrderRecipient
from taizhang.supervision.selectors import (
    inbox,
    order_evidence_get,
    order_get,
    order_list,
    overdue_recipients,
    recipient_get,
    recipient_list,
)
from tests.factories import make_evidence, make_order, make_report

pytestmark = pytest.mark.django_db


def test_a_unit_never_reads_another_units_reply(city, order, r1, r2):
    assert recipient_get(user=city.liaison1, pk=r1.pk) == r1
    with pytest.raises(Http404):
        recipient_get(user=city.liaison1, pk=r2.pk)
    assert list(recipient_list(user=city.head1).filter(order=order)) == [r1]


def test_a_units_files_are_hidden_from_the_other_unit(city, r1, r2):
    evidence = make_evidence(order_recipient=r2, uploaded_by=city.liaison2)
    assert order_evidence_get(user=city.liaison2, pk=evidence.pk) == evidence
    assert order_evidence_get(user=city.leader, pk=evidence.pk) == evidence
    for user in (city.liaison1, city.far_office):
        with pytest.raises(Http404):
            order_evidence_get(user=user, pk=evidence.pk)


def test_report_evidence_is_not_served_as_a_reply_file(city):
    evidence = make_evidence(report=make_report())
    with pytest.raises(Http404):
        order_evidence_get(user=city.office, pk=evidence.pk)


@pytest.mark.parametrize("who", ["office", "leader", "inspector"])
def test_the_region_reads_every_reply(city, order, who):
    assert recipient_list(user=getattr(city, who)).filter(order=order).count() == 2
    assert order_get(user=getattr(city, who), pk=order.pk) == order


def test_another_region_reads_nothing(city, order, r1):
    with pytest.raises(Http404):
        order_get(user=city.far_office, pk=order.pk)
    with pytest.raises(Http404):
        recipient_get(user=city.far_office, pk=r1.pk)


def test_a_draft_is_the_offices_alone(city):
    draft = make_order(units=[city.u1], issuer=city.office, state="draft")
    assert order_get(user=city.office, pk=draft.pk) == draft
    for who in ("leader", "liaison1"):
        with pytest.raises(Http404):
            order_get(user=getattr(city, who), pk=draft.pk)
    assert draft not in order_list(user=city.leader)


def test_the_office_step_is_403_for_a_reader(city, order, r1):
    with pytest.raises(PermissionDenied):
        order_get(user=city.leader, pk=order.pk, for_office=True)
    with pytest.raises(PermissionDenied):
        recipient_get(user=city.office, pk=r1.pk, for_reply=True)
    with pytest.raises(PermissionDenied):
        recipient_get(user=city.liaison1, pk=r1.pk, for_review=True)


def test_the_order_list_counts_replies_by_state(city, order, r1):
    OrderRecipient.objects.filter(pk=r1.pk).update(state="overdue")
    (row,) = order_list(user=city.office)
    assert (row.n_units, row.n_pending, row.n_overdue, row.n_replied) == (2, 1, 1, 0)


def test_the_inbox_holds_the_units_own_parts(city, order, r1):
    make_order(units=[city.u2], issuer=city.office)  # not addressed to U1
    make_order(units=[city.u1], issuer=city.office, state="draft")  # not issued yet
    assert list(inbox(user=city.liaison1)) == [r1]


def test_the_overdue_list_holds_replies_owed_after_the_deadline(city, order, r1, r2):
    OrderRecipient.objects.filter(pk=r2.pk).update(state="replied", replied_at=order.issued_at)
    assert list(overdue_recipients(user=city.office, today=date(2021, 6, 30))) == []
    assert list(overdue_recipients(user=city.leader, today=date(2021, 7, 1))) == [r1]
    assert list(overdue_recipients(user=city.liaison1, today=date(2021, 7, 1))) == []


def test_the_inbox_puts_replies_owed_first_and_closed_orders_last(city, order, r1):
    closed = make_order(units=[city.u1], issuer=city.office, state="closed", closed_at=timezone.now())
    waiting = make_order(units=[city.u1], issuer=city.office, deadline=date(2021, 6, 1))
    waiting.recipients.update(state="replied", replied_at=timezone.now())
    owed_later = make_order(units=[city.u1], issuer=city.office, deadline=date(2021, 7, 31))
    assert [r.order for r in inbox(user=city.liaison1)] == [order, owed_later, waiting, closed]
