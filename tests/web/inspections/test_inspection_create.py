"""计划检查 page: the office plans an inspection of its region's units; units of another region are not even
offered; anyone else is refused."""

import pytest
from django.urls import reverse

from taizhang.inspections.models import Inspection

pytestmark = pytest.mark.django_db


def _form(city, **fields):
    return {
        "region": city.region.pk,
        "kind": "covert",
        "title": "暗访公务接待",
        "lead_leader": city.leader.pk,
        "lead_leader_name": "",
        "start_date": "2021-05-12",
        "units": [city.a.pk, city.b.pk],
        "tasks": [city.task_1.pk],
        "regulations": [city.regulation.pk],
    } | fields


def test_the_office_plans_an_inspection(client, city):
    client.force_login(city.admin)
    assert client.get(reverse("inspection_create")).status_code == 200
    response = client.post(reverse("inspection_create"), _form(city))
    inspection = Inspection.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "inspection_detail", args=[inspection.pk]
    )
    assert (
        inspection.covert
        and inspection.lead_leader == city.leader
        and inspection.lead_leader_name == "李书记"
    )
    assert set(inspection.units.all()) == {city.a, city.b}


def test_a_unit_of_another_region_is_not_a_choice(client, city):
    client.force_login(city.admin)
    response = client.post(reverse("inspection_create"), _form(city, units=[city.x.pk]))
    assert response.status_code == 422 and "units" in response.context["form"].errors
    assert not Inspection.objects.exists()


def test_a_service_refusal_shows_on_the_form(client, city):
    client.force_login(city.admin)
    response = client.post(reverse("inspection_create"), _form(city, lead_leader=""))
    assert response.status_code == 422
    assert "须明确带队的班子成员" in str(response.context["form"].errors["lead_leader_name"])


@pytest.mark.parametrize("who", ["leader", "inspector", "liaison_a", "head_a"])
def test_only_office_admins_may_plan(client, city, who):
    client.force_login(getattr(city, who))
    assert client.get(reverse("inspection_create")).status_code == 403
    assert client.post(reverse("inspection_create"), _form(city)).status_code == 403
    assert not Inspection.objects.exists()
