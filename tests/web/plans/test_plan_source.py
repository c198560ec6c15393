"""The file a plan was imported from: for the office of its region only."""

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from tests.factories import make_region, make_user
from tests.web.plans.conftest import confirm_body, register_mapping

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(previewing, register):
    from taizhang.plans.models import Plan

    preview = previewing.get(reverse("plan_import_preview"))
    previewing.post(reverse("plan_import_preview"), confirm_body(preview, register_mapping(register)))
    return Plan.objects.get()


def test_office_downloads_the_imported_file(previewing, imported, seed_004):
    response = previewing.get(reverse("plan_source", args=[imported.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == seed_004
    assert response["Content-Disposition"].startswith("attachment;")
    assert "004.txt" in response["Content-Disposition"]


def test_a_plan_without_a_file_is_404(client, town):
    client.force_login(town.admin)
    assert client.get(reverse("plan_source", args=[town.plan.pk])).status_code == 404


def test_leader_of_the_region_gets_403(client, imported, district):
    client.force_login(make_user(role=Role.LEADER, region=district))
    assert client.get(reverse("plan_source", args=[imported.pk])).status_code == 403


def test_office_of_another_region_gets_404(client, imported):
    client.force_login(make_user(role=Role.OFFICE_ADMIN, region=make_region()))
    assert client.get(reverse("plan_source", args=[imported.pk])).status_code == 404
