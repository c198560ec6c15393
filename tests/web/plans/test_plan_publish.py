"""发布 from the plan's page: the office of its region publishes a draft; a stale form is refused."""

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from tests.factories import make_region, make_user

pytestmark = pytest.mark.django_db


def _publish(client, plan, version=None):
    url = reverse("plan_publish", args=[plan.pk])
    return client.post(url, {"expected_version": plan.version if version is None else version}, follow=True)


def test_office_publishes_a_draft(client, town):
    client.force_login(town.admin)
    response = _publish(client, town.draft)
    town.draft.refresh_from_db()
    assert town.draft.status == "published" and town.draft.published_at
    assert response.redirect_chain == [(reverse("plan_detail", args=[town.draft.pk]), 302)]
    assert "已发布" in response.content.decode()
    assert AuditEvent.objects.filter(action="plan.publish").count() == 1


def test_stale_version_is_refused_with_a_message(client, town):
    client.force_login(town.admin)
    response = _publish(client, town.draft, version=town.draft.version + 5)
    town.draft.refresh_from_db()
    assert town.draft.status == "draft"
    assert "该记录已被他人修改" in response.content.decode()


def test_publishing_twice_says_why(client, town):
    client.force_login(town.admin)
    _publish(client, town.draft)
    town.draft.refresh_from_db()
    response = _publish(client, town.draft)
    assert "不能再发布" in response.content.decode()


def test_publish_needs_a_post(client, town):
    client.force_login(town.admin)
    assert client.get(reverse("plan_publish", args=[town.draft.pk])).status_code == 405


@pytest.mark.parametrize("who", ["liaison_a", "head_a", "leader", "inspector"])
def test_non_office_roles_get_403(client, town, who):
    client.force_login(getattr(town, who))
    assert _publish(client, town.draft).status_code == 403
    town.draft.refresh_from_db()
    assert town.draft.status == "draft"


def test_office_of_another_city_gets_404(client, town):
    client.force_login(make_user(role=Role.OFFICE_ADMIN, region=make_region()))
    assert _publish(client, town.draft).status_code == 404
