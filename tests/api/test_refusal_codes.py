"""Every service's refusal (``lib.refusal.Refusal``) answers 422 with its own code, and the OpenAPI schema
lists every code an answer can carry: each area's (``<app>/codes.py``) and the API's own."""

from __future__ import annotations

import pytest

from taizhang.accountability.codes import AccountabilityCode
from taizhang.api.errors import ApiCode
from taizhang.assessment.codes import AssessmentCode
from taizhang.circulars.codes import CircularCode
from taizhang.inspections.codes import InspectionCode
from taizhang.lib.refusal import CODES, Refusal, TextCode, all_codes
from taizhang.plans.codes import PlanCode
from taizhang.rectification.codes import RectificationCode
from taizhang.regulations.catalogue import CatalogueError
from taizhang.regulations.catalogue.read import Problem
from taizhang.regulations.codes import RegulationCode
from taizhang.reports.codes import ReportCode
from taizhang.supervision.codes import SupervisionCode
from tests.api.client import PREFIX, api_for
from tests.api.test_openapi_conformance import assert_conforms

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(world):
    return api_for(world.admin).get("/openapi.json").json()


def test_the_error_schema_lists_every_areas_codes_and_the_apis_own(spec):
    listed = spec["components"]["schemas"]["Error"]["properties"]["code"]["enum"]
    assert set(listed) == set(all_codes())
    for enum in CODES.values():
        assert {str(code) for code in enum} <= set(listed), enum
    assert {str(code) for code in ApiCode} <= set(listed)
    # the codes clean_text makes with a field prefix are listed too
    assert {"explanation_required", "reason_too_long", "measure_detail_required"} <= set(listed)
    assert {"required", "too_long", "invalid", "stale_edit", "no_role", "bad_period"} <= set(listed)


def test_every_area_lists_its_codes_under_its_own_name():
    all_codes()  # finds every app's codes module
    assert {
        "reports",
        "plans",
        "assessment",
        "circulars",
        "rectification",
        "regulations",
        "supervision",
        "inspections",
        "alerts",
        "accountability",
        "text",
        "api",
    } <= set(CODES)


def test_a_report_step_refused_by_the_report_service_answers_its_report_code(world, spec):
    response = api_for(world.head_a).post(f"/reports/{world.report_a.pk}/approve", {"expected_version": 1})
    assert (response.status_code, response.json()["code"]) == (422, ReportCode.WRONG_STATE)
    assert_conforms(spec, "post", f"{PREFIX}/reports/{{report_id}}/approve", response)


# Areas without a write API: their refusals reach the API handler only through a service an operation
# calls, so these raise each area's refusal from an operation (plan_list) and check the handler's answer.
AREA_REFUSALS = [
    Refusal(PlanCode.UNMATCHED_UNITS, "有单位未匹配。", "Some units are unmatched.", names=["甲局"]),
    Refusal(AssessmentCode.BAD_MAX_POINTS, "分值超出范围。", "Points is out of range."),
    Refusal(CircularCode.MISSING_PLACEHOLDER, "模板缺少占位符。", "A placeholder is missing."),
    Refusal(RectificationCode.VERIFICATION_NOTE_REQUIRED, "请填写核查意见。", "A note is required."),
    Refusal(RegulationCode.NOT_DECIDED, "须先作出决定。", "Decide first."),
    CatalogueError([Problem(3, "缺少制度名称。", "The title is missing.")]),
    Refusal(SupervisionCode.REPLY_LOCKED, "办理情况已锁定。", "The reply is locked."),
    Refusal(InspectionCode.EARLY, "检查尚未开始。", "The inspection has not started."),
    Refusal(AccountabilityCode.TOO_EARLY, "日期过早。", "The date is too early."),
    Refusal(TextCode.REQUIRED, "请填写标题。", "The title is required."),
]


@pytest.mark.parametrize("refusal", AREA_REFUSALS, ids=lambda r: r.code)
def test_the_handler_answers_each_areas_refusal_with_its_own_code(world, spec, monkeypatch, refusal):
    """Tests the API's handler with the area's refusal (the area has no write API of its own)."""
    import taizhang.api.plans

    def refuse(**kwargs):
        raise refusal

    monkeypatch.setattr(taizhang.api.plans, "plan_list", refuse)
    response = api_for(world.admin).get("/plans")
    assert response.status_code == 422
    assert response.json() == {"code": refusal.code, "message": f"{refusal.zh} / {refusal.en}"}
    assert_conforms(spec, "get", f"{PREFIX}/plans", response)


def test_every_file_kind_the_parser_refuses_has_a_plan_code():
    """An import passes the parser's code on (``PlanCode(exc.code)``): each must be listed."""
    from taizhang.docparse.decode import _MAGIC

    kinds = {f"unsupported_{kind}" for _magic, kind in _MAGIC if kind} | {"unsupported_zip"}
    assert kinds <= {str(code) for code in PlanCode}
