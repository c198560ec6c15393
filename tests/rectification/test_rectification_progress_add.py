"""rectification_progress_add: the unit's liaison or head reports progress with files; the first report
starts the work; nothing while the office verifies or once closed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.lib.refusal import Refusal
from taizhang.rectification.models import (
    RectificationFile,
    RectificationProgress,
    RectificationStep,
    RectState,
)
from taizhang.rectification.services import rectification_progress_add
from tests.inspections.world import pdf
from tests.rectification.helpers import item_in

pytestmark = pytest.mark.django_db


def test_the_first_progress_starts_the_work_with_a_step(city):
    item = item_in(city, RectState.OPEN)
    progress = rectification_progress_add(actor=city.head_a, item=item, text="已部署整改", files=[pdf()])
    item.refresh_from_db()
    assert item.state == RectState.IN_PROGRESS and item.version == 2
    step = RectificationStep.objects.get(item=item)
    assert (step.from_state, step.to_state, step.actor) == ("open", "in_progress", city.head_a)
    assert progress.evidence.get().original_name == "检查记录.pdf"


def test_later_progress_leaves_the_state_alone(city):
    item = item_in(city, RectState.IN_PROGRESS)
    version = item.version
    rectification_progress_add(actor=city.liaison_a, item=item, text="第二次进展")
    item.refresh_from_db()
    assert (item.state, item.version, item.progress.count()) == (RectState.IN_PROGRESS, version, 2)


@pytest.mark.parametrize("state", [RectState.CLOSEOUT_REQUESTED, RectState.CLOSED])
def test_no_progress_while_verified_or_once_closed(city, state):
    item = item_in(city, state)
    with pytest.raises(Refusal):
        rectification_progress_add(actor=city.liaison_a, item=item, text="补充")


@pytest.mark.parametrize("who", ["liaison_b", "admin", "leader"])
def test_only_the_units_own_liaison_or_head_reports(city, who):
    item = item_in(city, RectState.OPEN)
    with pytest.raises(PermissionDenied):
        rectification_progress_add(actor=getattr(city, who), item=item, text="进展")


def test_a_refused_file_saves_nothing(city):
    item = item_in(city, RectState.OPEN)
    with pytest.raises(ValidationError):
        rectification_progress_add(actor=city.liaison_a, item=item, text="进展", files=[pdf("x.exe")])
    item.refresh_from_db()
    assert item.state == RectState.OPEN
    assert (
        not RectificationProgress.objects.exists()
        and not RectificationFile.objects.filter(progress__isnull=False).exists()
    )


def test_the_text_is_required(city):
    with pytest.raises(Refusal):
        rectification_progress_add(actor=city.liaison_a, item=item_in(city, RectState.OPEN), text="  ")
