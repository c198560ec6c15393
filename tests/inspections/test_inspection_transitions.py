"""The inspection state machine: 计划中 → 检查中 → 已完成 → 已公开, each step by the region's office only,
every other step refused with nothing changed; a stale version changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.inspections.models import Inspection
from taizhang.inspections.services import inspection_finish, inspection_publish, inspection_start
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.refusal import Refusal
from tests.inspections.world import TODAY, advance, plan
from tests.language import chinese_only

pytestmark = pytest.mark.django_db

State = Inspection.State
STEPS = {"start": inspection_start, "finish": inspection_finish, "publish": inspection_publish}
ALLOWED = {
    ("planned", "start"): "in_progress",
    ("in_progress", "finish"): "done",
    ("done", "publish"): "published",
}


def _cases():
    for state in State.values:
        for action in STEPS:
            for who in ("admin", "leader", "liaison_a", "admin_x"):
                outcome = PermissionDenied if who != "admin" else ALLOWED.get((state, action), Refusal)
                yield pytest.param(state, action, who, outcome, id=f"{state}-{action}-by-{who}")


@pytest.mark.parametrize(("state", "action", "who", "outcome"), list(_cases()))
def test_every_step_from_every_state(city, state, action, who, outcome):
    inspection = advance(city, plan(city), state)
    version, events = inspection.version, AuditEvent.objects.count()
    if isinstance(outcome, str):
        moved = STEPS[action](actor=getattr(city, who), inspection=inspection, expected_version=version)
        stored = Inspection.objects.get(pk=inspection.pk)
        assert moved.state == stored.state == outcome and stored.version == version + 1
        event = AuditEvent.objects.latest("id")
        assert event.action == f"inspection.{action}"
        assert (event.before["state"], event.after["state"]) == (state, outcome)
    else:
        with pytest.raises(outcome) as refused:
            STEPS[action](actor=getattr(city, who), inspection=inspection, expected_version=version)
        assert chinese_only(str(refused.value))  # the default language only
        stored = Inspection.objects.get(pk=inspection.pk)
        assert (stored.state, stored.version, AuditEvent.objects.count()) == (state, version, events)


def test_publishing_stamps_the_time_and_finishing_the_end_date(city):
    inspection = advance(city, plan(city), State.PUBLISHED)
    assert inspection.published_at is not None and inspection.end_date == TODAY


def test_a_step_from_a_stale_page_changes_nothing(city):
    inspection = plan(city)
    inspection_start(actor=city.admin, inspection=inspection, expected_version=1)
    stale = Inspection.objects.get(pk=inspection.pk)
    stale.state = State.IN_PROGRESS
    with pytest.raises(StaleEdit):
        inspection_finish(actor=city.admin, inspection=stale, expected_version=1)
    assert Inspection.objects.get(pk=inspection.pk).state == State.IN_PROGRESS


def test_an_inspection_cannot_be_finished_before_its_start_date(city, clock):
    from datetime import timedelta

    inspection = advance(city, plan(city, start_date=TODAY + timedelta(days=5)), State.IN_PROGRESS)
    with pytest.raises(Refusal):
        inspection_finish(actor=city.admin, inspection=inspection, expected_version=inspection.version)
