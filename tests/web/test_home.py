"""The home page sends every business role to its 工作台 and an administrator (三员) to the 管理首页."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["liaison_a", "head_a", "admin", "leader", "inspector"])
def test_home_sends_each_business_role_to_its_workbench(client, town, who):
    client.force_login(getattr(town, who))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("workbench")


def test_the_old_first_pages_stay_in_the_menu(client, town):
    client.force_login(town.liaison_a)
    page = client.get(reverse("workbench")).content.decode()
    assert reverse("my_tasks") in page and reverse("plan_list") in page
