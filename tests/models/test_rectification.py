import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from taizhang.rectification.models import (
    RectificationItem,
    RectificationProgress,
    RectificationStep,
    RectState,
)
from tests.factories import make_rectification, make_unit, make_user

pytestmark = pytest.mark.django_db


def _step(item, from_state, to_state, reason=""):
    return RectificationStep.objects.create(
        item=item, from_state=from_state, to_state=to_state, reason=reason, actor=make_user()
    )


def test_every_rectification_step_is_kept():
    item = make_rectification()
    _step(item, RectState.OPEN, RectState.IN_PROGRESS)
    _step(item, RectState.IN_PROGRESS, RectState.CLOSEOUT_REQUESTED)
    _step(item, RectState.CLOSEOUT_REQUESTED, RectState.IN_PROGRESS, reason="整改材料不足以证明已整改到位")
    _step(item, RectState.IN_PROGRESS, RectState.CLOSEOUT_REQUESTED)
    _step(item, RectState.CLOSEOUT_REQUESTED, RectState.CLOSED)
    assert [s.to_state for s in item.steps.all()] == [
        "in_progress",
        "closeout_requested",
        "in_progress",
        "closeout_requested",
        "closed",
    ]


def test_refusing_a_closeout_needs_a_reason():
    item = make_rectification()
    with pytest.raises(IntegrityError), transaction.atomic():
        _step(item, RectState.CLOSEOUT_REQUESTED, RectState.IN_PROGRESS)


@pytest.mark.parametrize(
    ("from_state", "to_state"),
    [
        (RectState.OPEN, RectState.CLOSED),
        (RectState.IN_PROGRESS, RectState.CLOSED),
        (RectState.CLOSED, RectState.OPEN),
    ],
)
def test_an_item_is_closed_only_after_a_closeout_request(from_state, to_state):
    item = make_rectification()
    with pytest.raises(IntegrityError), transaction.atomic():
        _step(item, from_state, to_state)


def test_a_closed_item_names_who_closed_it_and_when():
    item = make_rectification()
    with pytest.raises(IntegrityError), transaction.atomic():
        RectificationItem.objects.filter(pk=item.pk).update(state=RectState.CLOSED)


def test_an_item_may_stand_without_a_finding():
    assert make_rectification(unit=make_unit()).finding is None


def test_a_finding_with_items_cannot_be_deleted():
    item = make_rectification()
    with pytest.raises(ProtectedError):
        item.finding.delete()


def test_progress_needs_text():
    with pytest.raises(IntegrityError), transaction.atomic():
        RectificationProgress.objects.create(item=make_rectification(), text="", by=make_user())
