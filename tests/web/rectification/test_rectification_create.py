"""交办整改 pages: from a finding (a deadline in the past refused), or without one (a task or regulation)."""

import pytest
from django.urls import reverse

from taizhang.rectification.models import RectificationItem
from tests.inspections.world import advance, find, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def finding(city):
    return find(city, advance(city, plan(city), "in_progress"), description="接待超标准")


def test_the_office_assigns_a_finding_with_the_description_as_the_title(client, city, finding):
    client.force_login(city.admin)
    url = reverse("rectification_from_finding", args=[finding.pk])
    assert client.get(url).context["form"].initial["title"] == "接待超标准"
    response = client.post(url, {"title": "接待超标准", "measures": "退赔", "deadline": "2021-06-30"})
    item = RectificationItem.objects.get()
    assert response.status_code == 302 and (item.finding, item.unit) == (finding, city.a)


def test_a_deadline_in_the_past_is_refused_on_the_form(client, city, finding):
    client.force_login(city.admin)
    url = reverse("rectification_from_finding", args=[finding.pk])
    response = client.post(url, {"title": "接待超标准", "deadline": "2021-05-09"})
    assert response.status_code == 422 and "deadline" in response.context["form"].errors
    assert not RectificationItem.objects.exists()


def test_units_and_readers_cannot_assign(client, city, finding):
    url = reverse("rectification_from_finding", args=[finding.pk])
    client.force_login(city.liaison_a)
    assert client.get(url).status_code == 403
    client.force_login(city.admin_x)
    assert client.get(url).status_code == 404


def test_an_item_without_a_finding(client, city):
    client.force_login(city.admin)
    assert client.get(reverse("rectification_create")).status_code == 200
    body = {
        "unit": city.b.pk,
        "title": "修订接待制度",
        "regulation": city.regulation.pk,
        "deadline": "2021-08-01",
    }
    assert client.post(reverse("rectification_create"), body).status_code == 302
    item = RectificationItem.objects.get()
    assert (item.unit, item.regulation, item.finding) == (city.b, city.regulation, None)


def test_an_item_without_a_finding_names_a_task_or_regulation(client, city):
    client.force_login(city.admin)
    body = {"unit": city.b.pk, "title": "修订接待制度", "deadline": "2021-08-01"}
    response = client.post(reverse("rectification_create"), body)
    assert response.status_code == 422 and "task" in response.context["form"].errors
