"""Real responses match the published OpenAPI schema: every GET operation in the schema is called with
real ids and its body validated (undeclared fields fail too), and so are the errors and a write."""

from __future__ import annotations

import copy
import re
from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from jsonschema import Draft202012Validator

from taizhang.reports.models import ReportStep, ReviewState
from taizhang.rulemaking.models import RegulationDecision
from tests.api.client import PREFIX, api_for
from tests.assessment.scene import published_assessment
from tests.factories import make_alert, make_assignment, make_regulation, make_regulation_version, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(world):
    response = api_for(world.admin).get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def _closed(spec: dict) -> dict:
    """The components with every object closed to fields it does not declare."""
    components = copy.deepcopy(spec["components"])
    for schema in components["schemas"].values():
        if schema.get("type") == "object":
            schema.setdefault("additionalProperties", False)
    return components


def assert_conforms(spec: dict, method: str, path: str, response) -> None:
    declared = spec["paths"][path][method]["responses"]
    status = str(response.status_code)
    assert status in declared, f"{method.upper()} {path} answered {status}, which the schema does not declare"
    schema = declared[status]["content"]["application/json"]["schema"]
    validator = Draft202012Validator(
        {**schema, "components": _closed(spec)}, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(response.json())
    ]
    assert not errors, f"{method.upper()} {path} ({status}) does not match its schema: {errors}"


@pytest.fixture
def full_world(world):
    """Rows whose optional fields are filled: a deadline, persons, a report with a review step."""
    line = make_assignment(
        task=world.tasks[2],
        unit=world.unit_a,
        role="cooperating",
        deadline=date(2021, 12, 31),
        responsible_persons=["张三", "李四"],
        responsible_leader="王五",
    )
    report = make_report(assignment=line, review_state=ReviewState.SUBMITTED, narrative="已完成。")
    ReportStep.objects.create(
        report=report, from_state=ReviewState.DRAFT, to_state=ReviewState.SUBMITTED, actor=world.liaison_a
    )
    alert = make_alert(unit=world.unit_a, evidence={"due_date": "2021-05-10", "milestone": "自查"})
    assessment = published_assessment(office=world.admin, units=[world.unit_a])
    regulation = make_regulation(
        region=world.unit_a.region,
        issuing_unit=world.unit_a,
        issued_on=date(2020, 3, 1),
        doc_number="甲发〔2020〕1号",
    )
    make_regulation_version(regulation=regulation, issued_on=date(2020, 3, 1), created_by=world.admin)
    RegulationDecision.objects.create(
        regulation=regulation,
        kind="retain",
        evaluation="仍然适用",
        decided_on=date(2021, 3, 1),
        decided_by=world.admin,
    )
    return {
        "plan_id": world.plan.pk,
        "assignment_id": line.pk,
        "report_id": report.pk,
        "alert_id": alert.pk,
        "assessment_id": assessment.pk,
        "regulation_id": regulation.pk,
    }


def test_every_get_operation_answers_as_its_schema_says(world, spec, full_world):
    api = api_for(world.admin)
    called = set()
    for path, operations in spec["paths"].items():
        if "get" not in operations or path == f"{PREFIX}/openapi.json":
            continue
        url = re.sub(r"\{(\w+)\}", lambda m: str(full_world[m.group(1)]), path).removeprefix(PREFIX)
        response = api.get(url)
        assert response.status_code == 200, (path, response.content)
        assert response.json() != {} and response.json().get("items", [None]) != [], (
            f"{path}: nothing to check"
        )
        assert_conforms(spec, "get", path, response)
        called.add(path)
    assert {f"{PREFIX}/plans", f"{PREFIX}/assignments", f"{PREFIX}/reports"} <= called


def test_errors_answer_as_the_schema_says(world, spec):
    report = f"{PREFIX}/reports/{{report_id}}"
    assert_conforms(spec, "get", report, api_for(None).get(f"/reports/{world.report_a.pk}"))
    assert_conforms(spec, "get", report, api_for(world.nobody).get(f"/reports/{world.report_a.pk}"))
    assert_conforms(spec, "get", report, api_for(world.liaison_b).get(f"/reports/{world.report_a.pk}"))
    assert_conforms(spec, "get", f"{PREFIX}/assignments", api_for(world.admin).get("/assignments", limit=0))


@time_machine.travel(datetime(2021, 7, 5, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
def test_writes_answer_as_the_schema_says(world, spec):
    liaison = api_for(world.liaison_a)
    draft = liaison.post(
        f"/assignments/{world.line_a.pk}/reports",
        {"period_start": "2021-04-01", "status": "in_progress", "narrative": "进展"},
    )
    assert draft.status_code == 201
    assert_conforms(spec, "post", f"{PREFIX}/assignments/{{assignment_id}}/reports", draft)
    stale = liaison.post(f"/reports/{draft.json()['id']}/submit", {"expected_version": 9})
    assert stale.status_code == 409
    assert_conforms(spec, "post", f"{PREFIX}/reports/{{report_id}}/submit", stale)


def test_every_operation_declares_the_error_shape(spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status in ("401", "403", "404", "422"):
                schema = operation["responses"][status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/Error"}, (method, path, status)
    assert spec["components"]["schemas"]["Error"]["required"] == ["code", "message"]


def test_the_check_catches_an_undeclared_field_and_a_wrong_type(world, spec):
    body = api_for(world.admin).get(f"/assignments/{world.line_a.pk}").json()
    path = f"{PREFIX}/assignments/{{assignment_id}}"
    for bad in ({**body, "secret": 1}, {**body, "version": "1"}):
        fake = SimpleNamespace(status_code=200, json=lambda bad=bad: bad)
        with pytest.raises(AssertionError, match="does not match"):
            assert_conforms(spec, "get", path, fake)
