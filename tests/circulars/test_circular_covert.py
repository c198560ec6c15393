"""A circular drafted from a covert inspection (暗访) is published only once the inspection is: until then
its findings are the office's alone (the rule ``inspections.selectors.revealed_q`` keeps for every reader,
and rectification keeps by refusing to assign an item). The office may draft it meanwhile."""

from __future__ import annotations

import pytest

from taizhang.circulars.models import Circular
from taizhang.circulars.selectors import circular_list
from taizhang.circulars.services import circular_draft_from_inspection, circular_publish
from taizhang.inspections.models import Inspection
from taizhang.inspections.services import inspection_publish
from taizhang.lib.refusal import Refusal
from taizhang.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def covert(scene):
    inspection = scene.inspection
    Inspection.objects.filter(pk=inspection.pk).update(covert=True, state=Inspection.State.DONE)
    inspection.refresh_from_db()
    return inspection


def test_the_office_may_draft_a_circular_from_an_unpublished_covert_inspection(scene, covert):
    circular = circular_draft_from_inspection(actor=scene.office, inspection=covert)
    assert circular.state == Circular.State.DRAFT
    assert not circular_list(user=scene.liaison_u1).filter(pk=circular.pk).exists()


def test_its_circular_is_not_published_and_no_unit_is_told(scene, covert):
    circular = circular_draft_from_inspection(actor=scene.office, inspection=covert)
    with pytest.raises(Refusal) as caught:
        circular_publish(actor=scene.office, circular=circular, expected_version=circular.version)
    assert caught.value.code == "not_revealed"
    assert "尚未公开" in caught.value.zh
    circular.refresh_from_db()
    assert circular.state == Circular.State.DRAFT and not circular.docx
    assert not Notification.objects.filter(dedup_key__startswith=f"circular:{circular.pk}:").exists()
    assert not circular_list(user=scene.liaison_u1).filter(pk=circular.pk).exists()


def test_once_the_inspection_is_published_its_circular_is(scene, covert):
    circular = circular_draft_from_inspection(actor=scene.office, inspection=covert)
    inspection_publish(actor=scene.office, inspection=covert, expected_version=covert.version)
    circular.refresh_from_db()
    circular_publish(actor=scene.office, circular=circular, expected_version=circular.version)
    assert circular_list(user=scene.liaison_u1).filter(pk=circular.pk).exists()


def test_the_publish_button_says_why(scene, covert, client):
    circular = circular_draft_from_inspection(actor=scene.office, inspection=covert)
    client.force_login(scene.office)
    url = f"/circulars/{circular.pk}/publish/"
    response = client.post(url, {"expected_version": circular.version, "confirmed": "1"}, follow=True)
    assert response.status_code == 200 and "尚未公开" in response.content.decode()
    circular.refresh_from_db()
    assert circular.state == Circular.State.DRAFT
