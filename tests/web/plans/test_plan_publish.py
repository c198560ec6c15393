"""发布 from the plan's page: the office of its region publishes a draft; a stale form is refused."""

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from tests.factories import make_region, make_user

pytestmark = pytest.mark.django_db


def _publish(client, plan, version=None):
    url = reverse("plan_publish", args=[plan.pk])
    return client.post(
        url, {"expected_version": plan.version if version is None else version, "confirmed": "1"}, follow=True
    )


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


def test_a_get_only_asks_for_confirmation(client, town):
    client.force_login(town.admin)
    assert "确认发布" in client.get(reverse("plan_publish", args=[town.draft.pk])).content.decode()
    town.draft.refresh_from_db()
    assert town.draft.status == "draft"


@pytest.mark.parametrize("who", ["liaison_a", "head_a", "leader", "inspector"])
def test_non_office_roles_get_403(client, town, who):
    client.force_login(getattr(town, who))
    assert _publish(client, town.draft).status_code == 403
    town.draft.refresh_from_db()
    assert town.draft.status == "draft"


def test_office_of_another_city_gets_404(client, town):
    client.force_login(make_user(role=Role.OFFICE_ADMIN, region=make_region()))
    assert _publish(client, town.draft).status_code == 404


def test_the_confirmation_names_the_units_and_a_post_without_it_publishes_nothing(client, town):
    from taizhang.ledger.models import Assignment

    client.force_login(town.admin)
    names = set(Assignment.objects.filter(task__plan=town.draft).values_list("unit__name", flat=True))
    url = reverse("plan_publish", args=[town.draft.pk])
    html = client.get(url).content.decode()
    assert f"发布后 {len(names)} 个责任单位即可看到本单位的任务" in html
    assert all(name in html for name in names)
    assert 'name="confirmed" value="1"' in html and f'value="{town.draft.version}"' in html
    response = client.post(url, {"expected_version": town.draft.version})  # the detail page's button
    assert response.status_code == 200 and "确认发布" in response.content.decode()
    town.draft.refresh_from_db()
    assert town.draft.status == "draft" and not AuditEvent.objects.filter(action="plan.publish").exists()
