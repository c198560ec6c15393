"""circular_draft_from_inspection and circular_draft: what a first draft says, who may make one."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from taizhang.audit.models import AuditEvent
from taizhang.circulars.models import Circular
from taizhang.circulars.services import circular_draft, circular_draft_from_inspection
from taizhang.lib.refusal import Refusal
from tests.factories import make_circular, make_inspection

pytestmark = pytest.mark.django_db


def test_a_draft_from_an_inspection_has_title_doc_number_units_and_a_summary_per_unit(scene):
    circular = circular_draft_from_inspection(actor=scene.office, inspection=scene.inspection)
    assert circular.state == Circular.State.DRAFT and circular.kind == "inspection"
    assert circular.title == "关于2024年第一季度明查暗访情况的通报"
    assert circular.doc_number == "示惩防办〔2024〕1号"
    assert circular.inspection == scene.inspection and circular.region == scene.region
    assert list(circular.units.order_by("order")) == [scene.u1, scene.u2]  # units with findings only
    lines = circular.body.splitlines()
    assert lines[0] == "各有关单位："
    assert "2024年2月26日至2024年2月28日，由王书记带队，对3个单位开展了明查" in lines[1]
    assert "本次检查共发现问题3个，涉及2个单位，其中严重1个、一般1个、较重1个。" in lines
    財政 = lines.index("（一）区财政局")
    assert lines[財政 + 1 : 財政 + 3] == [
        "1. “三重一大”事项未集体决策（严重）",
        "2. 公务接待台账不全（一般）",
    ]
    assert lines[lines.index("（二）区教育局") + 1] == "1. 廉政风险点排查流于形式（较重）"
    assert "三、整改要求" in lines
    assert AuditEvent.objects.filter(action="circular.draft", object_id=str(circular.pk)).exists()


def test_the_suggested_doc_number_is_the_next_free_one_of_the_year(scene):
    make_circular(region=scene.region, doc_number="示惩防办〔2024〕7号")
    make_circular(region=scene.region, doc_number="示惩防办〔2023〕9号")
    circular = circular_draft_from_inspection(actor=scene.office, inspection=scene.inspection)
    assert circular.doc_number == "示惩防办〔2024〕8号"


def test_an_inspection_without_findings_names_the_inspected_units(scene):
    quiet = make_inspection(region=scene.region, units=[scene.u3], created_by=scene.office, title="专项检查")
    circular = circular_draft_from_inspection(actor=scene.office, inspection=quiet)
    assert list(circular.units.all()) == [scene.u3]
    assert "本次检查未发现问题。" in circular.body.splitlines()


@pytest.mark.parametrize("who", ["other_office", "liaison_u1", "leader"])
def test_only_the_office_of_the_inspections_region_drafts_from_it(scene, who):
    with pytest.raises(PermissionDenied):
        circular_draft_from_inspection(actor=getattr(scene, who), inspection=scene.inspection)
    assert not Circular.objects.exists()


def test_a_blank_draft_takes_the_offices_region_and_the_units_named(scene):
    circular = circular_draft(
        actor=scene.office, kind="rectification", title=" 关于整改 情况的通报 ", body="正文", units=[scene.u3]
    )
    assert circular.region == scene.region and circular.title == "关于整改 情况的通报"
    assert list(circular.units.all()) == [scene.u3]


def test_a_draft_may_not_name_a_unit_of_another_region(scene):
    with pytest.raises(Refusal) as caught:
        circular_draft(actor=scene.office, kind="assessment", title="t", body="", units=[scene.other_unit])
    assert caught.value.code == "unit_out_of_region" and "乙区财政局" in caught.value.zh


def test_a_draft_needs_a_title(scene):
    with pytest.raises(Refusal) as caught:
        circular_draft(actor=scene.office, kind="assessment", title="  ", body="", units=[])
    assert caught.value.code == "title_blank"
