"""List operations cost the same number of queries for 2 rows as for 12: no N+1."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.plans.models import Task
from taizhang.reports.models import ReviewState
from tests.api.client import api_for
from tests.factories import make_assignment, make_plan, make_report, make_unit

pytestmark = pytest.mark.django_db

LISTS = ["/plans", "/assignments", "/reports", "/plans/{plan}/tasks"]


def _add_rows(world, n: int) -> None:
    """``n`` more tasks on the world's plan, each with a new unit's line and a submitted report, and ``n``
    more plans in the region."""
    last = world.plan.tasks.order_by("-order").first()
    for i in range(1, n + 1):
        task = Task.objects.create(
            plan=world.plan,
            section=last.section,
            number=str(i),
            order=last.order + i,
            key=f"{last.key}+{i}",
            text=f"追加任务{i}",
        )
        line = make_assignment(task=task, unit=make_unit(region=world.region))
        make_report(assignment=line, review_state=ReviewState.SUBMITTED, narrative="进展")
        make_plan(region=world.region, tasks_per_section=1)
    world.plan.refresh_from_db()


def _count(api, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(path, limit=200)
    assert response.status_code == 200, response.content
    return len(queries), len(response.json()["items"])


@pytest.mark.parametrize("path", LISTS)
def test_list_queries_do_not_grow_with_rows(world, path):
    api = api_for(world.admin)
    api.get("/plans")  # the token's first use is stamped once; keep that write out of the counts
    path = path.format(plan=world.plan.pk)
    _add_rows(world, 2)
    small = _count(api, path)
    _add_rows(world, 10)
    large = _count(api, path)
    assert large[1] >= small[1] + 10, "the second run must see more rows"
    assert small[1] >= 2
    assert large[0] == small[0], f"{path}: {small[0]} queries for {small[1]} rows, {large[0]} for {large[1]}"
