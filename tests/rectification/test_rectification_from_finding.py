"""rectification_from_finding: the office makes a finding its unit's item — deadline not in the past, one
item a finding, and a covert inspection's finding only once the inspection is published."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEvent
from taizhang.inspections.models import Inspection
from taizhang.lib.refusal import Refusal
from taizhang.rectification.models import RectificationItem, RectState
from tests.inspections.world import TODAY, advance, find, item_for, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def finding(city):
    inspection = advance(city, plan(city), Inspection.State.IN_PROGRESS)
    return find(city, inspection, task=city.task_1, regulation=city.regulation, description="公务接待无公函")


def test_the_item_takes_the_findings_unit_task_and_regulation(city, finding):
    item = item_for(city, finding, title="")
    assert (item.unit, item.task, item.regulation, item.finding) == (
        city.a,
        city.task_1,
        city.regulation,
        finding,
    )
    assert item.title == "公务接待无公函" and item.state == RectState.OPEN
    assert item.deadline == TODAY + timedelta(days=30) and item.created_by == city.admin
    assert AuditEvent.objects.filter(action="rectification.create", object_id=str(item.pk)).exists()


def test_a_deadline_in_the_past_is_refused(city, finding):
    with pytest.raises(ValidationError) as refused:
        item_for(city, finding, days=-1)
    assert "deadline" in refused.value.message_dict and not RectificationItem.objects.exists()


def test_a_deadline_of_today_is_taken(city, finding):
    assert item_for(city, finding, days=0).deadline == TODAY


def test_one_item_a_finding(city, finding):
    item_for(city, finding)
    with pytest.raises(Refusal):
        item_for(city, finding)
    assert RectificationItem.objects.count() == 1


def test_a_covert_finding_waits_for_the_inspection_to_be_published(city):
    covert = advance(city, plan(city, kind="covert"), Inspection.State.DONE)
    finding = find(city, covert)
    with pytest.raises(Refusal) as refused:
        item_for(city, finding)
    assert refused.value.code == "not_published" and not RectificationItem.objects.exists()
    advance(city, covert, Inspection.State.PUBLISHED)
    finding.refresh_from_db()
    assert item_for(city, finding).unit == city.a


@pytest.mark.parametrize("who", ["leader", "inspector", "liaison_a", "head_a", "admin_x"])
def test_only_the_office_assigns_rectification(city, finding, who):
    from taizhang.rectification.services import rectification_from_finding

    with pytest.raises(PermissionDenied):
        rectification_from_finding(
            actor=getattr(city, who), finding=finding, measures="", deadline=TODAY, title="整改"
        )
