"""The dashboard costs the same number of queries for 5 lines as for 50 (in as many units and tasks)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport, ReviewState
from tests.factories import (
    make_assignment,
    make_milestone,
    make_plan,
    make_region,
    make_report,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db

# Session, user, roles for the header, the scope lookups (grants, then one query per level of the region
# tree, several times over: ~25 of the 33 today), the plans in scope, and the dashboard's own five queries
# (the grouped count of lines, tasks, the section tree, overdue lines, reports). A bound, not a target: the
# claim is that the count does not grow with the rows.
MAX_QUERIES = 40


def _office_with_lines(n: int):
    """A plan of ``n`` tasks in five sections, one line each in its own unit, every line with a milestone and
    an accepted report, a third of them overdue."""
    region = make_region()
    plan = make_plan(region=region, sections=5, tasks_per_section=n // 5)
    Plan.objects.filter(pk=plan.pk).update(published_at=datetime(2021, 1, 4, tzinfo=ZoneInfo("UTC")))
    for i, task in enumerate(plan.tasks.all()):
        line = make_assignment(task=task, unit=make_unit(region=region), deadline=date(2021, 6, 1 + i % 3))
        make_milestone(assignment=line, due_date=date(2021, 7, 1 + i % 20))
        make_report(
            assignment=line,
            status=ProgressReport.Status.IN_PROGRESS,
            review_state=ReviewState.ACCEPTED,
            late=i % 2 == 0,
        )
    return plan, make_user(role=Role.OFFICE_ADMIN, region=region)


def _get(client, plan):
    return client.get(reverse("dashboard", kwargs={"plan_id": plan.pk}))


@pytest.mark.parametrize("n", [5, 50])
def test_dashboard_query_count_stays_under_the_bound(client, django_assert_max_num_queries, n):
    plan, office = _office_with_lines(n)
    client.force_login(office)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = _get(client, plan)
    assert response.context["dashboard"].split.lines == n


def test_dashboard_costs_the_same_for_5_and_50_lines(client):
    counts = []
    for n in (5, 50):
        plan, office = _office_with_lines(n)
        client.force_login(office)
        with CaptureQueriesContext(connection) as queries:
            response = _get(client, plan)
        assert response.context["dashboard"].split.overdue > 0
        counts.append(len(queries))
    assert counts[0] == counts[1]
