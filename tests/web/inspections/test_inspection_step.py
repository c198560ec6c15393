"""The office's steps on the inspection page: from the version it saw; a stale page is 409, a step the
state does not allow 422, a reader 403, another region 404."""

import pytest
from django.urls import reverse

from taizhang.inspections.models import Inspection
from tests.inspections.world import advance, plan

pytestmark = pytest.mark.django_db


def _post(client, inspection, action, version=None):
    url = reverse("inspection_step", args=[inspection.pk])
    return client.post(url, {"action": action, "expected_version": version or inspection.version})


def test_the_office_takes_each_step_in_turn(client, city):
    inspection = plan(city, kind="covert")
    client.force_login(city.admin)
    for action, state in (("start", "in_progress"), ("finish", "done"), ("publish", "published")):
        inspection.refresh_from_db()
        response = _post(client, inspection, action)
        assert response.status_code == 302
        assert Inspection.objects.get(pk=inspection.pk).state == state


def test_a_stale_page_is_409_and_changes_nothing(client, city):
    inspection = plan(city)
    client.force_login(city.admin)
    _post(client, inspection, "start")
    response = _post(client, inspection, "finish", version=1)
    assert response.status_code == 409 and Inspection.objects.get(pk=inspection.pk).state == "in_progress"


def test_a_step_the_state_does_not_allow_is_422(client, city):
    client.force_login(city.admin)
    response = _post(client, plan(city), "publish")
    assert response.status_code == 422 and "不能公开" in response.context["error"]


def test_readers_are_403_and_another_region_404(client, city):
    inspection = advance(city, plan(city), "done")
    client.force_login(city.leader)
    assert _post(client, inspection, "publish").status_code == 403
    client.force_login(city.admin_x)
    assert _post(client, inspection, "publish").status_code == 404
    assert Inspection.objects.get(pk=inspection.pk).state == "done"
