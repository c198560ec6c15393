"""rectification_request_closeout: the unit applies with at least one evidence file — without one, or with
a refused file, or from a stale page, nothing at all is saved."""

import pytest

from taizhang.audit.models import AuditEvent
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.refusal import Refusal
from taizhang.rectification.models import RectificationFile, RectificationItem, RectificationStep, RectState
from taizhang.rectification.workflow import rectification_request_closeout
from tests.inspections.world import pdf
from tests.rectification.helpers import apply, item_in

pytestmark = pytest.mark.django_db


def _nothing_changed(item, version):
    stored = RectificationItem.objects.get(pk=item.pk)
    assert (stored.state, stored.version) == (RectState.IN_PROGRESS, version)
    assert not RectificationFile.objects.filter(item=item).exists()
    assert not RectificationStep.objects.filter(to_state=RectState.CLOSEOUT_REQUESTED).exists()
    assert not AuditEvent.objects.filter(action="rectification.request_closeout").exists()


def test_the_application_keeps_its_files_and_note(city):
    item = apply(city, item_in(city, RectState.IN_PROGRESS), actor=city.head_a, files=[pdf("整改报告.pdf")])
    assert item.state == RectState.CLOSEOUT_REQUESTED
    assert list(item.evidence.values_list("original_name", flat=True)) == ["整改报告.pdf"]
    step = RectificationStep.objects.latest("id")
    assert (step.to_state, step.reason, step.actor) == (
        RectState.CLOSEOUT_REQUESTED,
        "已完成整改",
        city.head_a,
    )


def test_a_closeout_without_evidence_is_refused_and_nothing_is_saved(city):
    item = item_in(city, RectState.IN_PROGRESS)
    version = item.version
    with pytest.raises(Refusal) as refused:
        apply(city, item, files=[])
    assert refused.value.code == "evidence_required"
    _nothing_changed(item, version)


def test_a_refused_file_saves_neither_the_application_nor_the_other_files(city):
    item = item_in(city, RectState.IN_PROGRESS)
    version = item.version
    with pytest.raises(Exception):  # noqa: B017 — ValidationError, whatever its wording
        apply(city, item, files=[pdf("整改报告.pdf"), pdf("病毒.exe")])
    _nothing_changed(item, version)


def test_an_application_from_a_stale_page_saves_nothing(city):
    item = item_in(city, RectState.IN_PROGRESS)
    version = item.version
    with pytest.raises(StaleEdit):
        rectification_request_closeout(
            actor=city.liaison_a, item=item, note="", files=[pdf()], expected_version=version - 1
        )
    _nothing_changed(item, version)
