from datetime import date

import pytest
from django.db import IntegrityError, transaction

from taizhang.inspections.models import Inspection
from taizhang.supervision.models import (
    AssignmentExplanation,
    KeyRegulation,
    OrderRecipient,
    OrderStep,
    RecipientState,
)
from tests.factories import (
    make_assignment,
    make_finding,
    make_inspection,
    make_order,
    make_regulation,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_an_order_has_one_recipient_per_unit():
    unit = make_unit()
    order = make_order(units=[unit])
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderRecipient.objects.create(order=order, unit=unit)


def test_an_issued_order_has_an_issue_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_order(issued_at=None)


def test_a_replied_recipient_has_a_reply_date():
    recipient = make_order().recipients.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        OrderRecipient.objects.filter(pk=recipient.pk).update(state=RecipientState.REPLIED)


def _step(recipient, from_state, to_state, reason="", actor=True):
    return OrderStep.objects.create(
        recipient=recipient,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        actor=make_user() if actor else None,
    )


def test_every_reply_step_is_kept():
    recipient = make_order().recipients.get()
    _step(recipient, RecipientState.PENDING, RecipientState.OVERDUE, actor=False)
    _step(recipient, RecipientState.OVERDUE, RecipientState.REPLIED)
    _step(recipient, RecipientState.REPLIED, RecipientState.RETURNED, reason="未附佐证材料")
    _step(recipient, RecipientState.RETURNED, RecipientState.REPLIED)
    _step(recipient, RecipientState.REPLIED, RecipientState.ACCEPTED)
    assert [s.to_state for s in recipient.steps.all()] == [
        "overdue",
        "replied",
        "returned",
        "replied",
        "accepted",
    ]


def test_a_reply_step_outside_the_workflow_is_refused():
    recipient = make_order().recipients.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        _step(recipient, RecipientState.PENDING, RecipientState.ACCEPTED)


def test_returning_a_reply_needs_a_reason():
    recipient = make_order().recipients.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        _step(recipient, RecipientState.REPLIED, RecipientState.RETURNED)


def test_only_the_overdue_mark_may_have_no_actor():
    recipient = make_order().recipients.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        _step(recipient, RecipientState.PENDING, RecipientState.REPLIED, actor=False)


def test_an_explanation_needs_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentExplanation.objects.create(
            assignment=make_assignment(),
            situation=AssignmentExplanation.Situation.NOT_STARTED,
            as_of=date(2021, 4, 1),
            reason="",
            given_by=make_user(),
        )


def test_a_unit_names_a_key_regulation_once_a_year():
    unit, regulation, user = make_unit(), make_regulation(), make_user()
    KeyRegulation.objects.create(unit=unit, year=2021, regulation=regulation, named_by=user)
    KeyRegulation.objects.create(unit=unit, year=2022, regulation=regulation, named_by=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        KeyRegulation.objects.create(unit=unit, year=2021, regulation=regulation, named_by=user)


def test_a_covert_visit_is_covert():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_inspection(kind=Inspection.Kind.COVERT, covert=False)


def test_an_inspection_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_inspection(start_date=date(2021, 5, 10), end_date=date(2021, 5, 9))


def test_a_reinspection_links_the_inspection_it_rechecks():
    first = make_inspection()
    again = make_inspection(reinspection=True, follows=first)
    assert list(first.follow_ups.all()) == [again]
    with pytest.raises(IntegrityError), transaction.atomic():
        make_inspection(follows=first)


def test_a_published_inspection_has_a_publication_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_inspection(state=Inspection.State.PUBLISHED)


def test_an_inspection_with_findings_cannot_be_deleted():
    finding = make_finding()
    with pytest.raises(IntegrityError), transaction.atomic():
        finding.inspection.delete()
