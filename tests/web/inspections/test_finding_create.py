"""记录问题 page: the office records a finding at one of the inspection's units, with files; a unit outside
the inspection is not a choice; a refused file saves nothing; readers are refused."""

import pytest
from django.urls import reverse

from taizhang.inspections.models import Finding, FindingFile
from tests.factories import make_unit
from tests.inspections.world import advance, pdf, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(city):
    return advance(city, plan(city), "in_progress")


def _form(city, **fields):
    return {
        "unit": city.a.pk,
        "severity": "serious",
        "description": "接待超标准",
        "task": city.task_1.pk,
    } | fields


def test_the_office_records_a_finding_with_files(client, city, running):
    client.force_login(city.admin)
    assert client.get(reverse("finding_create", args=[running.pk])).status_code == 200
    response = client.post(
        reverse("finding_create", args=[running.pk]), _form(city, files=[pdf("现场照片.pdf")])
    )
    finding = Finding.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#finding-{finding.pk}")
    assert (finding.unit, finding.severity, finding.task) == (city.a, "serious", city.task_1)
    assert finding.evidence.get().original_name == "现场照片.pdf"


def test_a_unit_outside_the_inspection_is_not_a_choice(client, city, running):
    client.force_login(city.admin)
    outsider = make_unit(region=city.region)
    response = client.post(reverse("finding_create", args=[running.pk]), _form(city, unit=outsider.pk))
    assert response.status_code == 422 and not Finding.objects.exists()


def test_a_refused_file_saves_nothing(client, city, running):
    client.force_login(city.admin)
    files = [pdf("现场照片.pdf"), pdf("脚本.exe")]
    response = client.post(reverse("finding_create", args=[running.pk]), _form(city, files=files))
    assert response.status_code == 422 and not Finding.objects.exists() and not FindingFile.objects.exists()


def test_a_planned_inspection_refuses_findings(client, city):
    inspection = plan(city)
    client.force_login(city.admin)
    response = client.post(reverse("finding_create", args=[inspection.pk]), _form(city))
    assert response.status_code == 422 and not Finding.objects.exists()


def test_readers_are_refused_and_another_region_sees_nothing(client, city, running):
    client.force_login(city.leader)
    assert client.get(reverse("finding_create", args=[running.pk])).status_code == 403
    client.force_login(city.admin_x)
    assert client.get(reverse("finding_create", args=[running.pk])).status_code == 404
