"""One plan's page: its particulars, and for the office of its region the source file and 发布."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.plans.models import Plan
from tests.factories import make_assignment, make_plan, make_region, make_user

pytestmark = pytest.mark.django_db

# Session, user, roles, the header's unit; the plan through its selector, the task and unit counts through
# theirs. Each selector works out the user's scope again (grants, then one query per level of the region
# tree): ~30 of the 36 queries. A bound, not a target: the claim is that it does not grow with tasks.
MAX_QUERIES = 40


def _detail(client, plan):
    return client.get(reverse("plan_detail", args=[plan.pk]))


def test_office_sees_the_particulars_the_source_and_publish_for_a_draft(client, town):
    town.draft.doc_number = "咸惩防办文〔2021〕3号"
    town.draft.source_file = "plans/ab/abc"
    town.draft.source_name = "方案.docx"
    town.draft.save()
    client.force_login(town.admin)
    response = _detail(client, town.draft)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{town.draft.title}</h1>" in html
    for text in ("咸惩防办文〔2021〕3号", "草稿", "按季度", "2021—2025", "咸宁市"):
        assert text in html
    assert reverse("plan_source", args=[town.draft.pk]) in html and "方案.docx" in html
    assert reverse("plan_publish", args=[town.draft.pk]) in html
    assert f'name="expected_version" value="{town.draft.version}"' in html
    assert (response.context["task_count"], response.context["unit_count"]) == (2, 1)


def test_office_gets_no_publish_button_on_a_published_plan(client, town):
    client.force_login(town.admin)
    html = _detail(client, town.plan).content.decode()
    assert reverse("plan_publish", args=[town.plan.pk]) not in html
    assert "已发布" in html


def test_liaison_sees_a_published_plan_without_source_or_publish(client, town):
    client.force_login(town.liaison_a)
    response = _detail(client, town.plan)
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("plan_source", args=[town.plan.pk]) not in html
    assert 'action="/plans/' not in html
    assert response.context["task_count"] == 1  # the task unit A has a line in


def test_liaison_cannot_see_a_draft_plan(client, town):
    client.force_login(town.liaison_a)
    assert _detail(client, town.draft).status_code == 404


def test_leader_cannot_see_a_draft_plan(client, town):
    client.force_login(town.leader)
    assert _detail(client, town.draft).status_code == 404


def test_office_of_another_city_gets_404(client, town):
    client.force_login(make_user(role=Role.OFFICE_ADMIN, region=make_region()))
    assert _detail(client, town.plan).status_code == 404


def test_user_without_role_gets_403(client, town):
    client.force_login(town.nobody)
    assert _detail(client, town.plan).status_code == 403


def test_links_to_the_plans_other_pages_that_exist(client, town):
    client.force_login(town.leader)
    links = _detail(client, town.plan).context["links"]
    for name, url in links.items():
        assert str(town.plan.pk) in url, name


def test_plan_list_links_each_title_here(client, town):
    client.force_login(town.leader)
    html = client.get(reverse("plan_list")).content.decode()
    assert f'<a href="{reverse("plan_detail", args=[town.plan.pk])}">{town.plan.title}</a>' in html


def _plan_with_tasks(n: int):
    region = make_region()
    plan = make_plan(region=region, status=Plan.Status.DRAFT, sections=n, tasks_per_section=5)
    for task in plan.tasks.all():
        make_assignment(task=task)
    return plan, make_user(role=Role.OFFICE_ADMIN, region=region)


def test_plan_detail_queries_are_bounded_and_do_not_grow_with_tasks(client, django_assert_max_num_queries):
    counts = []
    for sections in (1, 10):
        plan, office = _plan_with_tasks(sections)
        client.force_login(office)
        with CaptureQueriesContext(connection) as queries:
            response = _detail(client, plan)
        assert response.context["task_count"] == 5 * sections
        counts.append(len(queries))
    assert counts[0] == counts[1] <= MAX_QUERIES
