"""Every refusal has one shape, ``{"code", "message"}`` — including ninja's own validation errors."""

import pytest
from django.test import Client

from tests.api.client import PREFIX, api_for, bearer

pytestmark = pytest.mark.django_db


def _error(response, status, code):
    assert response.status_code == status, response.content.decode()
    body = response.json()
    assert set(body) == {"code", "message"}
    assert body["code"] == code
    assert body["message"]
    return body


def test_missing_body_field_is_422_in_the_one_shape(world):
    body = _error(api_for(world.head_a).post(f"/reports/{world.report_a.pk}/approve", {}), 422, "invalid")
    assert "expected_version" in body["message"]


def test_wrong_body_type_is_422(world):
    response = api_for(world.head_a).post(
        f"/reports/{world.report_a.pk}/approve", {"expected_version": "one"}
    )
    _error(response, 422, "invalid")


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"offset": -1}, {"role": "boss"}])
def test_bad_query_parameters_are_422(world, params):
    body = _error(api_for(world.admin).get("/assignments", **params), 422, "invalid")
    assert next(iter(params)) in body["message"]


def test_non_numeric_id_is_422(world):
    _error(api_for(world.admin).get("/assignments/abc"), 422, "invalid")


def test_period_start_that_starts_no_period_is_422(world):
    response = api_for(world.liaison_a).post(
        f"/assignments/{world.line_a.pk}/reports", {"period_start": "2021-04-02", "status": "in_progress"}
    )
    body = _error(response, 422, "bad_period")
    assert "2021-04-01" in body["message"]


def test_malformed_json_is_400(world):
    response = Client().post(
        f"{PREFIX}/reports/{world.report_a.pk}/submit",
        "{not json",
        content_type="application/json",
        headers=bearer(world.liaison_a),
    )
    _error(response, 400, "bad_request")


def test_unauthorized_forbidden_and_not_found_share_the_shape(world):
    _error(api_for(None).get("/plans"), 401, "unauthorized")
    _error(api_for(world.nobody).get("/plans"), 403, "no_role")
    _error(api_for(world.liaison_a).get(f"/reports/{world.report_b.pk}"), 404, "not_found")


def test_unexpected_failure_is_500_in_the_one_shape(world, monkeypatch):
    import taizhang.api.plans

    def explode(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(taizhang.api.plans, "plan_list", explode)
    body = _error(api_for(world.admin).get("/plans"), 500, "server_error")
    assert "boom" not in body["message"]
