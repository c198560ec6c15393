"""Who sees which figures: a unit its own lines, the office and leaders their region; others nothing."""

import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.plans.models import Plan
from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


def _figures(client, user, plan):
    client.force_login(user)
    response = client.get(reverse("dashboard", kwargs={"plan_id": plan.pk}))
    assert response.status_code == 200
    return response.context["dashboard"]


def test_liaison_dashboard_counts_only_their_units_lines(client, ledger4):
    figures = _figures(client, ledger4.liaison_a, ledger4.plan)
    assert (figures.tasks, figures.split.lines, figures.units) == (2, 2, 1)
    assert figures.split.rate == 50.0 and figures.split.overdue == 1
    assert [g.label for g in figures.top_units] == ["市发改委"]
    assert figures.periods[0].expected == 2


def test_unit_head_sees_their_own_unit_too(client, ledger4):
    figures = _figures(client, ledger4.head_b, ledger4.plan)
    assert (figures.split.lines, figures.split.completed, figures.split.overdue) == (2, 0, 0)
    assert figures.lights == {"done": 0, "red": 0, "yellow": 1, "green": 1}


def test_lead_unit_does_not_count_its_cooperating_units_lines(client, town):
    figures = _figures(client, town.liaison_a, town.plan)
    assert figures.split.lines == 1  # line_a1; line_b1 is readable on the ledger, not A's figure


def test_office_sees_the_whole_region(client, town):
    figures = _figures(client, town.admin, town.plan)
    assert (figures.tasks, figures.split.lines, figures.units) == (3, 3, 2)


def test_leader_and_inspector_see_the_region(client, town):
    assert _figures(client, town.leader, town.plan).split.lines == 3
    assert _figures(client, town.inspector, town.plan).split.lines == 3


def test_a_regional_office_counts_only_its_region_on_a_plan_from_above(client, db):
    province = make_region(name="示范省", level="province")
    city, other_city = make_region(parent=province), make_region(parent=province)
    plan = make_plan(region=province, level=Plan.Level.PROVINCE)
    task = plan.tasks.first()
    make_assignment(task=task, unit=make_unit(region=city))
    make_assignment(task=task, unit=make_unit(region=other_city))
    office = make_user(role=Role.OFFICE_ADMIN, region=city)
    figures = _figures(client, office, plan)
    assert (figures.tasks, figures.split.lines) == (1, 1)


def test_wrong_plan_id_is_404(client, town):
    client.force_login(town.leader)
    assert client.get(reverse("dashboard", kwargs={"plan_id": 999_999})).status_code == 404


def test_plan_of_another_region_is_404(client, town):
    client.force_login(make_user(role=Role.OFFICE_ADMIN, region=make_region()))
    assert client.get(reverse("dashboard", kwargs={"plan_id": town.plan.pk})).status_code == 404


def test_plan_the_unit_has_no_line_in_is_404(client, town):
    other = make_plan(region=town.region)
    make_assignment(task=other.tasks.first(), unit=town.unit_b)
    client.force_login(town.liaison_a)
    assert client.get(reverse("dashboard", kwargs={"plan_id": other.pk})).status_code == 404


def test_draft_plan_is_404_for_leaders_and_units(client, town):
    for user in (town.leader, town.liaison_a):
        client.force_login(user)
        assert client.get(reverse("dashboard", kwargs={"plan_id": town.draft.pk})).status_code == 404


def test_account_without_a_role_is_refused(client, town):
    client.force_login(town.nobody)
    assert client.get(reverse("dashboard", kwargs={"plan_id": town.plan.pk})).status_code == 403
    assert client.get(reverse("dashboard")).status_code == 403


def test_dashboard_without_a_plan_opens_the_newest_published_plan(client, town):
    make_plan(region=town.region, status=Plan.Status.ARCHIVED)
    client.force_login(town.leader)
    response = client.get(reverse("dashboard"))
    assert response["Location"] == reverse("dashboard", kwargs={"plan_id": town.plan.pk})


def test_dashboard_without_a_published_plan_offers_the_plans_in_scope(client, town):
    Plan.objects.filter(pk=town.plan.pk).update(status=Plan.Status.ARCHIVED)
    client.force_login(town.admin)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("dashboard", kwargs={"plan_id": town.plan.pk}) in html
    assert reverse("dashboard", kwargs={"plan_id": town.draft.pk}) in html


def test_the_menu_links_the_dashboard_and_marks_it_on_a_plans_page(client, town):
    client.force_login(town.leader)
    html = client.get(reverse("dashboard", kwargs={"plan_id": town.plan.pk})).content.decode()
    assert f'<a href="{reverse("dashboard")}" aria-current="page">看板</a>' in html
