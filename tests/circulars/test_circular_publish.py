"""circular_publish: draft → published with its .docx stored for good, and the named units told."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.urls import reverse

from taizhang.audit.models import AuditEvent
from taizhang.circulars.models import Circular
from taizhang.circulars.services import circular_draft, circular_draft_from_inspection, circular_publish
from taizhang.lib.concurrency import StaleEdit
from taizhang.lib.refusal import Refusal
from taizhang.notifications.models import Notification
from tests.circulars.docx_reading import open_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def circular(scene):
    return circular_draft_from_inspection(actor=scene.office, inspection=scene.inspection)


def publish(scene, circular, actor=None):
    return circular_publish(actor=actor or scene.office, circular=circular, expected_version=circular.version)


def test_publishing_stores_the_docx_dated_the_day_of_publication(scene, circular):
    publish(scene, circular)
    circular.refresh_from_db()
    assert circular.state == Circular.State.PUBLISHED and circular.published_at is not None
    assert circular.docx.name.startswith("circulars/")
    with default_storage.open(circular.docx.name, "rb") as f:
        doc = open_docx(f.read())
    assert doc.paragraphs[1].text == "示惩防办〔2024〕1号"
    texts = [p.text for p in doc.paragraphs]
    assert texts[texts.index("示范区惩防办") + 1] == "2024年3月5日"  # the signature, then the date
    event = AuditEvent.objects.get(action="circular.publish")
    assert event.after["state"] == "published" and len(event.after["docx_sha256"]) == 64


def test_the_named_units_liaisons_and_heads_get_a_message_once(scene, circular):
    publish(scene, circular)
    told = Notification.objects.filter(dedup_key__startswith=f"circular:{circular.pk}:")
    assert {n.recipient for n in told} == {scene.liaison_u1, scene.head_u1, scene.liaison_u2}
    assert all(n.link == reverse("circular_detail", args=[circular.pk]) for n in told)


def test_a_published_circular_cannot_be_published_again(scene, circular):
    publish(scene, circular)
    with pytest.raises(Refusal) as caught:
        publish(scene, circular)
    assert caught.value.code == "not_draft"


@pytest.mark.parametrize(
    ("doc_number", "body", "named", "missing"),
    [
        ("", "正文", True, "文号"),
        ("示惩防办〔2024〕5号", "", True, "正文"),
        ("示惩防办〔2024〕5号", "正文", False, "通报单位"),
    ],
)
def test_a_circular_needs_number_text_and_a_unit_to_be_published(scene, doc_number, body, named, missing):
    circular = circular_draft(
        actor=scene.office,
        kind="assessment",
        title="考核通报",
        body=body,
        units=[scene.u1] if named else [],
        doc_number=doc_number,
    )
    with pytest.raises(Refusal) as caught:
        publish(scene, circular)
    assert caught.value.code == "incomplete" and missing in caught.value.zh
    circular.refresh_from_db()
    assert circular.state == Circular.State.DRAFT and not circular.docx


def test_a_stale_version_is_refused_and_nothing_is_told(scene, circular):
    with pytest.raises(StaleEdit):
        circular_publish(actor=scene.office, circular=circular, expected_version=circular.version + 1)
    assert not Notification.objects.exists()


@pytest.mark.parametrize("who", ["other_office", "leader", "liaison_u1"])
def test_only_the_regions_office_publishes(scene, circular, who):
    with pytest.raises(PermissionDenied):
        publish(scene, circular, actor=getattr(scene, who))
