"""rectification_close and rectification_refuse: the office verifies an application — 销号 with its
verification note, closer and time; or 退回 with a reason, which the refusal needs."""

import pytest

from taizhang.lib.refusal import Refusal
from taizhang.rectification.models import RectificationItem, RectificationStep, RectState
from taizhang.rectification.workflow import rectification_close, rectification_refuse
from tests.inspections.world import pdf
from tests.rectification.helpers import apply, item_in, refuse

pytestmark = pytest.mark.django_db


def test_closing_records_who_when_and_the_verification(city):
    item = item_in(city, RectState.CLOSED)
    assert item.state == RectState.CLOSED and item.closed_by == city.admin and item.closed_at is not None
    stored = RectificationItem.objects.get(pk=item.pk)
    assert (stored.closed_by, stored.verification_note) == (city.admin, "核查属实")


def test_closing_needs_a_verification_note(city):
    item = item_in(city, RectState.CLOSEOUT_REQUESTED)
    with pytest.raises(Refusal):
        rectification_close(actor=city.admin, item=item, verification_note=" ", expected_version=item.version)
    assert RectificationItem.objects.get(pk=item.pk).state == RectState.CLOSEOUT_REQUESTED


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_refusal_requires_a_reason(city, reason):
    item = item_in(city, RectState.CLOSEOUT_REQUESTED)
    with pytest.raises(Refusal) as refused:
        rectification_refuse(actor=city.admin, item=item, reason=reason, expected_version=item.version)
    assert refused.value.code == "reason_required"
    assert RectificationItem.objects.get(pk=item.pk).state == RectState.CLOSEOUT_REQUESTED


def test_a_refused_item_is_worked_on_again_and_applied_for_anew(city):
    item = refuse(city, item_in(city, RectState.CLOSEOUT_REQUESTED), reason="照片不清晰")
    assert item.state == RectState.IN_PROGRESS
    step = RectificationStep.objects.latest("id")
    assert (step.from_state, step.to_state, step.reason) == (
        "closeout_requested",
        "in_progress",
        "照片不清晰",
    )
    item = apply(city, item, files=[pdf("清晰照片.pdf")])
    assert item.state == RectState.CLOSEOUT_REQUESTED and item.evidence.count() == 2
