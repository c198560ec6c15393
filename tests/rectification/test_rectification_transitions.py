"""The close-out state machine: every step from every state, by the right and the wrong people. Allowed
steps move the item, keep a RectificationStep and write an audit entry; refused ones change nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.rectification.models import RECT_STEPS, RectificationItem, RectificationStep, RectState
from taizhang.rectification.services import rectification_progress_add
from taizhang.rectification.workflow import (
    rectification_close,
    rectification_refuse,
    rectification_reopen,
    rectification_request_closeout,
)
from tests.inspections.world import pdf
from tests.language import chinese_only
from tests.rectification.helpers import item_in

pytestmark = pytest.mark.django_db


def _act(action, actor, item):
    version = item.version
    match action:
        case "progress":
            return rectification_progress_add(actor=actor, item=item, text="进展")
        case "apply":
            return rectification_request_closeout(
                actor=actor, item=item, note="", files=[pdf()], expected_version=version
            )
        case "close":
            return rectification_close(
                actor=actor, item=item, verification_note="属实", expected_version=version
            )
        case "refuse":
            return rectification_refuse(actor=actor, item=item, reason="佐证不足", expected_version=version)
        case "reopen":  # 反弹重开, after a 回头看
            return rectification_reopen(actor=actor, item=item, reason="问题反弹")


# (state, action) → the state it moves to; who may act: the unit (liaison, head) or the office.
ALLOWED = {
    ("open", "progress"): "in_progress",
    ("open", "apply"): "closeout_requested",
    ("in_progress", "apply"): "closeout_requested",
    ("closeout_requested", "close"): "closed",
    ("closeout_requested", "refuse"): "in_progress",
    ("closed", "reopen"): "in_progress",
}
# Allowed without a step: more progress on an item already in progress.
STAYS = {("in_progress", "progress")}
ACTORS = {"progress": ("liaison_a", "head_a"), "apply": ("liaison_a", "head_a"), "close": ("admin",)}
ACTORS["refuse"] = ACTORS["reopen"] = ACTORS["close"]


def _cases():
    for state in RectState.values:
        for action, right in ACTORS.items():
            for who in ("liaison_a", "head_a", "admin", "leader", "liaison_b"):
                outcome = ALLOWED.get((state, action), Refusal) if who in right else PermissionDenied
                if (state, action) in STAYS and who in right:
                    outcome = state
                yield pytest.param(state, action, who, outcome, id=f"{state}-{action}-by-{who}")


def test_the_allowed_steps_are_exactly_the_models_steps():
    assert {(state, to) for (state, _), to in ALLOWED.items()} == {(a.value, b.value) for a, b in RECT_STEPS}


@pytest.mark.parametrize(("state", "action", "who", "outcome"), list(_cases()))
def test_every_step_from_every_state(city, state, action, who, outcome):
    item = item_in(city, state)
    version, steps, events = item.version, RectificationStep.objects.count(), AuditEvent.objects.count()
    actor = getattr(city, who)
    if isinstance(outcome, str):
        _act(action, actor, item)
        stored = RectificationItem.objects.get(pk=item.pk)
        if (state, action) in STAYS:
            assert (stored.state, stored.version) == (state, version)
            assert RectificationStep.objects.count() == steps
            return
        assert stored.state == outcome and stored.version == version + 1
        step = RectificationStep.objects.latest("id")
        assert (step.from_state, step.to_state, step.actor) == (state, outcome, actor)
        assert AuditEvent.objects.filter(object_id=str(item.pk), actor=actor).exists()
    else:
        with pytest.raises(outcome) as refused:
            _act(action, actor, item)
        assert chinese_only(str(refused.value))  # the default language only
        stored = RectificationItem.objects.get(pk=item.pk)
        assert (stored.state, stored.version) == (state, version)
        assert (RectificationStep.objects.count(), AuditEvent.objects.count()) == (steps, events)
