"""finding_record: the office records a finding at one of the inspection's units while it runs or is
written up, with its files — all or nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from taizhang.audit.models import AuditEvent
from taizhang.inspections.models import Finding, FindingFile, Inspection
from taizhang.lib.refusal import Refusal
from tests.factories import make_unit
from tests.inspections.world import TODAY, advance, find, pdf, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(city):
    return advance(city, plan(city), Inspection.State.IN_PROGRESS)


def test_a_finding_is_recorded_with_its_task_regulation_and_files(city, running):
    files = [pdf("照片.pdf"), pdf("记录.pdf", b"%PDF-1.4 other")]
    finding = find(
        city, running, task=city.task_1, regulation=city.regulation, severity="serious", files=files
    )
    assert (finding.unit, finding.task, finding.regulation) == (city.a, city.task_1, city.regulation)
    assert finding.found_on == TODAY
    assert sorted(finding.evidence.values_list("original_name", flat=True)) == ["照片.pdf", "记录.pdf"]
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions[-3:] == ["finding.record", "evidence.add", "evidence.add"]


def test_the_unit_must_be_in_the_inspections_scope(city, running):
    with pytest.raises(ValidationError) as refused:
        find(city, running, unit=make_unit(region=city.region))
    assert "unit" in refused.value.message_dict and not Finding.objects.exists()


@pytest.mark.parametrize("state", ["planned", "published"])
def test_no_findings_before_the_start_or_after_publication(city, state):
    inspection = advance(city, plan(city), state)
    with pytest.raises(Refusal):
        find(city, inspection)


def test_findings_may_be_written_up_after_the_visit(city):
    assert find(city, advance(city, plan(city), Inspection.State.DONE))


@pytest.mark.parametrize("who", ["leader", "inspector", "liaison_a", "admin_x"])
def test_only_the_office_records_findings(city, running, who):
    with pytest.raises(PermissionDenied):
        _record_as(city, running, who)
    assert not Finding.objects.exists()


def _record_as(city, inspection, who):
    from taizhang.inspections.findings import finding_record

    return finding_record(actor=getattr(city, who), inspection=inspection, unit=city.a, description="问题")


def test_a_refused_file_saves_nothing(city, running):
    with pytest.raises(ValidationError):
        find(city, running, files=[pdf(), pdf("宏.exe", b"MZ")])
    assert not Finding.objects.exists() and not FindingFile.objects.exists()


def test_the_day_found_lies_between_the_start_and_today(city, running):
    with pytest.raises(ValidationError):
        find(city, running, found_on=TODAY + timedelta(days=1))
    with pytest.raises(ValidationError):
        find(city, running, found_on=TODAY - timedelta(days=1))


def test_a_description_is_required(city, running):
    with pytest.raises(ValidationError):
        find(city, running, description="   ")
