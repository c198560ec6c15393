"""circular_update: the office edits a draft's title, 文号, text and units, under its version."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.circulars.services import circular_draft_from_inspection, circular_publish, circular_update
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.refusal import Refusal
from tests.factories import make_circular

pytestmark = pytest.mark.django_db


@pytest.fixture
def circular(scene):
    return circular_draft_from_inspection(actor=scene.office, inspection=scene.inspection)


def edit(scene, circular, **changes):
    fields = {
        "title": circular.title,
        "doc_number": circular.doc_number,
        "body": circular.body,
        "units": list(circular.units.all()),
        "expected_version": circular.version,
        **changes,
    }
    return circular_update(actor=changes.pop("actor", scene.office), circular=circular, **fields)


def test_the_office_edits_title_number_text_and_units(scene, circular):
    edit(scene, circular, title="新标题", doc_number="示惩防办〔2024〕9号", body="新正文", units=[scene.u3])
    circular.refresh_from_db()
    assert (circular.title, circular.doc_number, circular.body) == ("新标题", "示惩防办〔2024〕9号", "新正文")
    assert list(circular.units.all()) == [scene.u3] and circular.version == 2
    event = AuditEvent.objects.get(action="circular.update")
    assert event.before["title"] == "关于2024年第一季度明查暗访情况的通报" and event.after["units"] == [
        scene.u3.pk
    ]


def test_an_edit_from_an_older_version_is_refused(scene, circular):
    edit(scene, circular, title="第一次")
    with pytest.raises(StaleEdit):
        edit(scene, circular, title="第二次", expected_version=1)


def test_a_doc_number_used_by_another_circular_is_refused(scene, circular):
    make_circular(region=scene.region, doc_number="示惩防办〔2024〕2号")
    with pytest.raises(Refusal) as caught:
        edit(scene, circular, doc_number="示惩防办〔2024〕2号")
    assert caught.value.code == "doc_number_taken"


def test_a_published_circular_cannot_be_edited(scene, circular):
    circular_publish(actor=scene.office, circular=circular, expected_version=circular.version)
    with pytest.raises(Refusal) as caught:
        edit(scene, circular, title="改")
    assert caught.value.code == "not_draft"


def test_only_the_regions_office_edits(scene, circular):
    for actor in (scene.other_office, scene.leader, scene.liaison_u1):
        with pytest.raises(PermissionDenied):
            circular_update(
                actor=actor,
                circular=circular,
                expected_version=circular.version,
                title="x",
                doc_number="",
                body="",
                units=[],
            )
