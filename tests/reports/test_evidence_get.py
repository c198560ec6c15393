"""evidence_get: a file is read only by those who may read its report; anyone else 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from taizhang.accounts.models import Role
from taizhang.ledger.models import Assignment
from taizhang.reports.selectors import evidence_get
from taizhang.reports.services import evidence_add
from taizhang.reports.workflow import report_submit
from tests.factories import make_assignment, make_region, make_unit, make_user

pytestmark = pytest.mark.django_db

CONTENT = b"%PDF-1.4 meeting minutes"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def evidence(draft, liaison):
    return evidence_add(report=draft, upload=SimpleUploadedFile("纪要.pdf", CONTENT), actor=liaison)


@pytest.fixture
def sent(evidence, liaison):
    report_submit(actor=liaison, report=evidence.report, expected_version=evidence.report.version)
    return evidence


def _read(user, evidence):
    found = evidence_get(user=user, pk=evidence.pk)
    with found.file.open("rb") as f:
        return f.read()


def test_the_units_liaison_downloads_the_file(evidence, liaison):
    assert _read(liaison, evidence) == CONTENT
    assert evidence_get(user=liaison, pk=evidence.pk) == evidence


@pytest.mark.parametrize("who", ["head", "office"])
def test_reviewers_download_files_of_sent_reports(request, sent, who):
    assert _read(request.getfixturevalue(who), sent) == CONTENT


def test_another_unit_cannot_download(sent, line):
    outsider = make_user(unit=make_unit(region=line.unit.region), role=Role.LIAISON)
    with pytest.raises(Http404):
        _read(outsider, sent)
    with pytest.raises(Http404):
        evidence_get(user=outsider, pk=sent.pk)


def test_the_office_of_another_region_cannot_download(sent):
    with pytest.raises(Http404):
        _read(make_user(role=Role.OFFICE_ADMIN, region=make_region()), sent)


def test_the_office_cannot_download_from_a_draft(evidence, office):
    with pytest.raises(Http404):
        _read(office, evidence)


def test_the_lead_unit_downloads_its_cooperating_units_file_for_its_task_only(sent, line):
    lead_line = make_assignment(
        task=line.task, unit=make_unit(region=line.unit.region), role=Assignment.Role.LEAD
    )
    lead_liaison = make_user(unit=lead_line.unit, role=Role.LIAISON)
    assert _read(lead_liaison, sent) == CONTENT
    other_task = line.task.plan.tasks.exclude(pk=line.task_id).first()
    Assignment.objects.filter(pk=lead_line.pk).update(task=other_task)
    with pytest.raises(Http404):
        _read(lead_liaison, sent)


def test_a_user_without_roles_cannot_download(sent, line):
    with pytest.raises(Http404):
        _read(make_user(unit=line.unit), sent)
