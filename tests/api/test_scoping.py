"""The API shows exactly what the pages show: the selectors decide, out of scope is 404, lists never
include another unit's rows."""

import pytest

from taizhang.accounts.models import Role
from taizhang.plans.models import Plan
from tests.api.client import api_for
from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


def _ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_liaison_gets_404_for_another_units_assignment(world):
    response = api_for(world.liaison_a).get(f"/assignments/{world.line_b.pk}")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "未找到 / Not found"}


def test_out_of_scope_and_missing_ids_answer_alike(world):
    api = api_for(world.liaison_a)
    hidden, missing = api.get(f"/assignments/{world.line_b.pk}"), api.get("/assignments/999999")
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


def test_liaison_reads_own_units_assignment(world):
    response = api_for(world.liaison_a).get(f"/assignments/{world.line_a.pk}")
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["unit_id"], body["plan_id"]) == (world.line_a.pk, world.unit_a.pk, world.plan.pk)


def test_assignment_list_never_includes_another_units_rows(world):
    assert _ids(api_for(world.liaison_a).get("/assignments")) == {world.line_a.pk}
    assert _ids(api_for(world.liaison_b).get("/assignments")) == {world.line_b.pk}


def test_assignment_filters_narrow_the_users_scope_only(world):
    api = api_for(world.inspector)
    assert _ids(api.get("/assignments")) == {world.line_a.pk, world.line_b.pk}
    assert _ids(api.get("/assignments", unit=world.unit_b.pk)) == {world.line_b.pk}
    assert _ids(api.get("/assignments", plan=world.plan.pk, role="lead")) == {
        world.line_a.pk,
        world.line_b.pk,
    }
    assert _ids(api.get("/assignments", role="cooperating")) == set()
    # Filtering by another unit does not widen a liaison's scope.
    assert _ids(api_for(world.liaison_a).get("/assignments", unit=world.unit_b.pk)) == set()


def test_liaison_sees_the_plan_but_only_tasks_and_lines_of_their_unit(world):
    api = api_for(world.liaison_a)
    assert _ids(api.get("/plans")) == {world.plan.pk}
    tasks = api.get(f"/plans/{world.plan.pk}/tasks").json()["items"]
    assert [t["id"] for t in tasks] == [world.tasks[0].pk]
    assert [a["id"] for a in tasks[0]["assignments"]] == [world.line_a.pk]


def test_region_inspector_sees_every_task_of_the_plan(world):
    body = api_for(world.inspector).get(f"/plans/{world.plan.pk}/tasks").json()
    assert body["total"] == 3
    assert [len(t["assignments"]) for t in body["items"]] == [1, 1, 0]


def test_plan_of_another_region_is_404(world):
    other = make_plan(region=make_region())
    api = api_for(world.liaison_a)
    assert other.pk not in _ids(api.get("/plans"))
    assert api.get(f"/plans/{other.pk}").status_code == 404
    assert api.get(f"/plans/{other.pk}/tasks").status_code == 404


def test_draft_plan_is_seen_only_by_the_office(world):
    draft = make_plan(region=world.region, status=Plan.Status.DRAFT)
    make_assignment(task=draft.tasks.first(), unit=world.unit_a)
    assert api_for(world.liaison_a).get(f"/plans/{draft.pk}").status_code == 404
    assert api_for(world.inspector).get(f"/plans/{draft.pk}").status_code == 404
    assert api_for(world.admin).get(f"/plans/{draft.pk}").status_code == 200


def test_unit_in_another_city_is_out_of_the_city_inspectors_scope(world):
    far_line = make_assignment(unit=make_unit())
    make_user(unit=far_line.unit, role=Role.LIAISON)
    api = api_for(world.inspector)
    assert far_line.pk not in _ids(api.get("/assignments"))
    assert api.get(f"/assignments/{far_line.pk}").status_code == 404


def test_pages_report_the_total_and_respect_limit_and_offset(world):
    api = api_for(world.inspector)
    first = api.get("/assignments", limit=1).json()
    second = api.get("/assignments", limit=1, offset=1).json()
    assert (first["total"], first["limit"], first["offset"]) == (2, 1, 0)
    assert len(first["items"]) == len(second["items"]) == 1
    assert first["items"][0]["id"] != second["items"][0]["id"]
