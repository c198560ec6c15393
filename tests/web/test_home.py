"""The home page sends each role to its first page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "page"),
    [
        ("liaison_a", "my_tasks"),
        ("head_a", "my_tasks"),
        ("admin", "plan_list"),
        ("leader", "plan_list"),
        ("inspector", "plan_list"),
    ],
)
def test_home_sends_each_role_to_its_first_page(client, town, who, page):
    client.force_login(getattr(town, who))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse(page)


def test_office_admin_who_is_also_a_liaison_starts_at_the_plans(client, town):
    from taizhang.accounts.models import Role
    from taizhang.accounts.services import role_grant

    role_grant(user=town.liaison_a, role=Role.OFFICE_ADMIN, region=town.region, actor=None)
    client.force_login(town.liaison_a)
    assert client.get(reverse("home"))["Location"] == reverse("plan_list")
