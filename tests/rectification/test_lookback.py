"""回头看: the sample is drawn from the region's items closed and lines completed within the window, the
same for the same seed; a re-check is recorded once; a relapse reopens the item (audited, the unit told)
or is recorded against the line; the relapse list shows a unit its own and the office its region's.

On 10 May 2021 (``lookback_world``)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.lib.refusal import Refusal
from taizhang.notifications.models import Notification
from taizhang.rectification.lookback import (
    candidate_items,
    candidate_lines,
    lookback_create,
    lookback_recheck,
)
from taizhang.rectification.models import (
    LookBack,
    LookBackEntry,
    Recheck,
    RectificationItem,
    RectificationStep,
    RectState,
)
from taizhang.rectification.selectors import relapse_list
from tests.rectification.lookback_world import WINDOW_END


def _ids(rows):
    return set(rows.values_list("pk", flat=True))


def test_candidates_are_the_regions_closed_items_and_completed_lines_within_the_window(world):
    items, lines = world.items, world.lines
    assert _ids(candidate_items(world.region, None, WINDOW_END)) == {items["old"].pk, items["spring"].pk}
    assert _ids(candidate_items(world.region, date(2020, 1, 1), WINDOW_END)) == {items["spring"].pk}
    assert _ids(candidate_lines(world.region, None, WINDOW_END)) == {lines["done"].pk, lines["ongoing"].pk}
    assert _ids(candidate_lines(world.region, date(2020, 1, 1), WINDOW_END)) == {lines["done"].pk}


def _draw(world, **kwargs):
    kwargs = {"title": "2021年回头看", "closed_before": WINDOW_END, **kwargs}
    return lookback_create(actor=world.office, region=world.region, **kwargs)


def _sampled(lookback):
    return sorted(lookback.entries.values_list("item_id", "line_id"), key=str)


def test_the_same_seed_draws_the_same_sample_within_the_window(world):
    first = _draw(world, item_count=1, line_count=1, seed=7)
    again = _draw(world, item_count=1, line_count=1, seed=7)
    assert first.seed == again.seed == 7 and not first.by_hand
    assert _sampled(first) == _sampled(again)
    entries = list(first.entries.all())
    assert len(entries) == 2
    assert {e.item_id for e in entries if e.item_id} <= {world.items["old"].pk, world.items["spring"].pk}
    assert {e.line_id for e in entries if e.line_id} <= {world.lines["done"].pk, world.lines["ongoing"].pk}
    assert all(e.unit_id == (e.item or e.line).unit_id for e in entries)
    assert AuditEvent.objects.filter(action="rectification.lookback_create", object_id=str(first.pk)).exists()


def test_a_share_rounds_up_and_a_size_beyond_the_candidates_takes_them_all(world):
    assert len(_sampled(_draw(world, item_count=50, line_count=0, percent=True))) == 1  # ⌈50% × 2⌉
    assert len(_sampled(_draw(world, item_count=9, line_count=9))) == 4


def test_chosen_by_hand_must_be_candidates_and_a_refusal_writes_nothing(world):
    picked = _draw(world, item_ids=[world.items["spring"].pk], line_ids=[])
    assert picked.by_hand and _sampled(picked) == [(world.items["spring"].pk, None)]
    before = LookBack.objects.count()
    for stray in ("recent", "elsewhere", "open"):
        with pytest.raises(Refusal) as refused:
            _draw(world, item_ids=[world.items[stray].pk])
        assert refused.value.code == "lookback_not_a_candidate"
    with pytest.raises(Refusal) as refused:
        _draw(world, closed_before=date(2019, 1, 1), item_count=5, line_count=5)
    assert refused.value.code == "lookback_empty"
    assert LookBack.objects.count() == before


def test_only_the_regions_office_draws(world):
    for actor in (world.liaison1, world.other_office):
        with pytest.raises(PermissionDenied):
            lookback_create(
                actor=actor, region=world.region, title="回头看", closed_before=WINDOW_END, item_count=1
            )


def _entry(world, **subject):
    batch = LookBack.objects.create(
        region=world.region, title="回头看", closed_before=WINDOW_END, seed=1, created_by=world.office
    )
    unit = (subject.get("item") or subject.get("line")).unit
    return LookBackEntry.objects.create(lookback=batch, unit=unit, **subject)


def test_a_relapse_reopens_the_item_with_the_note_and_tells_the_unit(world):
    item = world.items["old"]
    entry = _entry(world, item=item)
    lookback_recheck(
        actor=world.office,
        entry=entry,
        result=Recheck.RELAPSED,
        checked_on=date(2021, 5, 9),
        note="台账又缺失",
    )
    item.refresh_from_db()
    assert (item.state, item.closed_at, item.closed_by) == (RectState.IN_PROGRESS, None, None)
    step = RectificationStep.objects.filter(item=item).latest("id")
    assert (step.from_state, step.to_state, step.reason) == ("closed", "in_progress", "台账又缺失")
    told = Notification.objects.filter(recipient=world.liaison1)
    assert told.filter(subject__contains="反弹").exists()
    assert AuditEvent.objects.filter(action="rectification.reopen", object_id=str(item.pk)).exists()
    entry.refresh_from_db()
    assert (entry.result, entry.checker, entry.checked_on) == ("relapsed", world.office, date(2021, 5, 9))
    with pytest.raises(Refusal) as refused:
        lookback_recheck(actor=world.office, entry=entry, result=Recheck.HELD, checked_on=date(2021, 5, 9))
    assert refused.value.code == "lookback_already_checked"


def test_a_relapse_needs_a_note_and_a_held_item_stays_closed(world):
    entry = _entry(world, item=world.items["old"])
    with pytest.raises(Refusal) as refused:
        lookback_recheck(
            actor=world.office, entry=entry, result=Recheck.RELAPSED, checked_on=date(2021, 5, 1)
        )
    assert refused.value.code == "note_required"
    entry.refresh_from_db()
    assert entry.result == ""
    lookback_recheck(actor=world.office, entry=entry, result=Recheck.HELD, checked_on=date(2021, 5, 1))
    assert RectificationItem.objects.get(pk=world.items["old"].pk).state == RectState.CLOSED


def test_a_unit_may_not_record_its_own_recheck(world):
    entry = _entry(world, item=world.items["old"])
    with pytest.raises(PermissionDenied):
        lookback_recheck(actor=world.liaison1, entry=entry, result=Recheck.HELD, checked_on=date(2021, 5, 1))


def test_line_relapses_are_listed_for_the_unit_and_the_office(world):
    line_entry = _entry(world, line=world.lines["ongoing"])  # U2's
    item_entry = _entry(world, item=world.items["old"])  # U1's
    for entry in (line_entry, item_entry):
        lookback_recheck(
            actor=world.office, entry=entry, result=Recheck.RELAPSED, checked_on=date(2021, 5, 1), note="反弹"
        )
    assert Notification.objects.filter(recipient=world.liaison2, subject__contains="反弹").exists()
    assert _ids(relapse_list(user=world.office)) == {line_entry.pk, item_entry.pk}
    assert _ids(relapse_list(user=world.liaison2)) == {line_entry.pk}
    assert _ids(relapse_list(user=world.liaison1)) == {item_entry.pk}
    assert not relapse_list(user=world.other_office).exists()
