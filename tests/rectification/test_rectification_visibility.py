"""Who reads which item and file: a unit its own items only (another unit's by id → 404), the office,
leaders and inspectors their region's, another region nothing."""

import pytest
from django.http import Http404

from taizhang.rectification.models import RectState
from taizhang.rectification.selectors import (
    RectFilters,
    rectification_evidence_get,
    rectification_get,
    rectification_list,
)
from taizhang.rectification.services import rectification_progress_add
from tests.inspections.world import TODAY, pdf
from tests.rectification.helpers import item_in, open_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(city):
    a = item_in(city, RectState.CLOSEOUT_REQUESTED)  # A's, with an application file
    b = open_item(city, unit=city.b)
    rectification_progress_add(actor=city.liaison_b, item=b, text="进展", files=[pdf()])
    return a, b


@pytest.mark.parametrize("who", ["admin", "leader", "inspector"])
def test_the_region_reads_every_item(city, items, who):
    assert set(rectification_list(user=getattr(city, who))) == set(items)


def test_a_unit_reads_only_its_own_items(city, items):
    a, b = items
    assert list(rectification_list(user=city.liaison_a)) == [a]
    assert list(rectification_list(user=city.head_b)) == [b]
    assert rectification_get(user=city.head_a, pk=a.pk) == a
    with pytest.raises(Http404):
        rectification_get(user=city.liaison_a, pk=b.pk)
    with pytest.raises(Http404):
        rectification_get(user=city.admin_x, pk=a.pk)


def test_files_follow_their_item(city, items):
    a, b = items
    application = a.evidence.get()
    progress_file = b.progress.get().evidence.get()
    assert rectification_evidence_get(user=city.liaison_a, pk=application.pk) == application
    assert rectification_evidence_get(user=city.leader, pk=progress_file.pk) == progress_file
    for user, pk in (
        (city.liaison_a, progress_file.pk),
        (city.liaison_b, application.pk),
        (city.admin_x, application.pk),
    ):
        with pytest.raises(Http404):
            rectification_evidence_get(user=user, pk=pk)


def test_filters_narrow_by_unit_state_and_overdue(city, items, clock):
    a, b = items
    assert list(rectification_list(user=city.admin, filters=RectFilters(unit_id=city.b.pk))) == [b]
    assert list(rectification_list(user=city.admin, filters=RectFilters(state="closeout_requested"))) == [a]
    assert list(rectification_list(user=city.liaison_a, filters=RectFilters(unit_id=city.b.pk))) == []
    overdue = RectFilters(overdue=True)
    assert not rectification_list(user=city.admin, filters=overdue, today=TODAY).exists()
    from datetime import timedelta

    later = TODAY + timedelta(days=31)  # both deadlines passed
    assert set(rectification_list(user=city.admin, filters=overdue, today=later)) == {a, b}


def test_the_plan_filter_takes_the_items_of_its_tasks(city):
    from tests.inspections.world import advance, find, item_for, plan

    inspection = advance(city, plan(city), "in_progress")
    with_task = item_for(city, find(city, inspection, task=city.task_1))
    item_for(city, find(city, inspection))  # no task
    assert list(rectification_list(user=city.admin, filters=RectFilters(plan_id=city.plan.pk))) == [with_task]
