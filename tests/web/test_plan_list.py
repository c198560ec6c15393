"""方案台账: the plans in the user's scope."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.plans.models import Plan
from tests.factories import make_assignment, make_plan, make_region, make_user

pytestmark = pytest.mark.django_db

# Session, user, the header's roles and unit, the selectors' scope lookups (grants, then one query per level
# of the region tree, several times over) and the list itself. A bound, not a target: the claim is that
# the count does not grow with the rows.
MAX_QUERIES = 20


def _plans(response):
    return list(response.context["plans"])


def test_office_admin_sees_the_regions_plans_with_drafts(client, town):
    client.force_login(town.admin)
    response = client.get(reverse("plan_list"))
    assert set(_plans(response)) == {town.plan, town.draft}
    html = response.content.decode()
    assert "已发布" in html and "草稿" in html


def test_leader_sees_published_plans_only(client, town):
    client.force_login(town.leader)
    assert _plans(client.get(reverse("plan_list"))) == [town.plan]


def test_unit_sees_published_plans_it_has_lines_in(client, town):
    other_plan = make_plan(region=town.region)
    make_assignment(task=other_plan.tasks.first(), unit=town.unit_b)
    client.force_login(town.liaison_a)
    assert _plans(client.get(reverse("plan_list"))) == [town.plan]


def test_office_of_another_city_sees_none_of_these_plans(client, town):
    other = make_user(role=Role.OFFICE_ADMIN, region=make_region())
    client.force_login(other)
    response = client.get(reverse("plan_list"))
    assert _plans(response) == []
    assert "暂无方案" in response.content.decode()


def test_plan_row_shows_task_count(client, town):
    client.force_login(town.leader)
    (plan,) = _plans(client.get(reverse("plan_list")))
    assert plan.task_count == 3


def _office_with_plans(n: int):
    region = make_region()
    for _ in range(n):
        make_plan(region=region, status=Plan.Status.DRAFT, tasks_per_section=1)
    return make_user(role=Role.OFFICE_ADMIN, region=region)


@pytest.mark.parametrize("n", [5, 50])
def test_plan_list_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries, n):
    client.force_login(_office_with_plans(n))
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("plan_list"))
    assert len(_plans(response)) == n


def test_plan_list_costs_the_same_for_5_and_50_rows(client):
    counts = []
    for n in (5, 50):
        client.force_login(_office_with_plans(n))
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("plan_list"))
        counts.append(len(queries))
    assert counts[0] == counts[1]
