"""A report's life through the API: written and submitted by the liaison, approved by the unit head,
returned and accepted by the office — each step one service call, each refusal in the one error shape."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from taizhang.reports.models import ProgressReport
from tests.api.client import api_for

pytestmark = pytest.mark.django_db

# Five days into the third quarter of 2021: the second quarter's report is due and on time.
JULY_5 = datetime(2021, 7, 5, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
Q2 = {"period_start": "2021-04-01", "status": "in_progress", "narrative": "已制定实施细则。"}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(JULY_5, tick=False):
        yield


def _ok(response, status=200):
    assert response.status_code == status, response.content.decode()
    return response.json()


def test_report_goes_from_draft_to_accepted_through_the_api(world):
    liaison, head, office = api_for(world.liaison_a), api_for(world.head_a), api_for(world.admin)
    line = world.line_a.pk

    draft = _ok(liaison.post(f"/assignments/{line}/reports", Q2), 201)
    assert (draft["review_state"], draft["version"], draft["period_label"]) == ("draft", 1, "2021年第二季度")
    assert draft["steps"] == []

    sent = _ok(
        liaison.post(
            f"/assignments/{line}/reports",
            {**Q2, "narrative": "细则已印发。", "expected_version": 1, "submit": True},
        )
    )
    assert (sent["id"], sent["review_state"], sent["narrative"], sent["late"]) == (
        draft["id"],
        "submitted",
        "细则已印发。",
        False,
    )
    report = f"/reports/{sent['id']}"

    approved = _ok(head.post(f"{report}/approve", {"expected_version": sent["version"]}))
    returned = _ok(
        office.post(
            f"{report}/return", {"expected_version": approved["version"], "reason": "请补充佐证材料。"}
        )
    )
    assert returned["review_state"] == "returned"
    again = _ok(liaison.post(f"{report}/submit", {"expected_version": returned["version"]}))
    approved = _ok(head.post(f"{report}/approve", {"expected_version": again["version"]}))
    accepted = _ok(office.post(f"{report}/accept", {"expected_version": approved["version"]}))

    assert accepted["review_state"] == "accepted"
    assert [(s["from_state"], s["to_state"]) for s in accepted["steps"]] == [
        ("draft", "submitted"),
        ("submitted", "approved"),
        ("approved", "returned"),
        ("returned", "submitted"),
        ("submitted", "approved"),
        ("approved", "accepted"),
    ]
    assert accepted["steps"][2]["reason"] == "请补充佐证材料。"
    assert _ok(office.get(report)) == accepted


def test_stale_version_is_409_and_changes_nothing(world):
    liaison, head = api_for(world.liaison_a), api_for(world.head_a)
    draft = _ok(liaison.post(f"/assignments/{world.line_a.pk}/reports", Q2), 201)
    sent = _ok(liaison.post(f"/reports/{draft['id']}/submit", {"expected_version": draft["version"]}))

    # The head approves from the page they opened before the liaison submitted.
    response = head.post(f"/reports/{sent['id']}/approve", {"expected_version": draft["version"]})
    assert response.status_code == 409
    assert response.json()["code"] == "stale_edit"
    assert set(response.json()) == {"code", "message"}
    assert ProgressReport.objects.get(pk=sent["id"]).version == sent["version"]
    assert _ok(head.post(f"/reports/{sent['id']}/approve", {"expected_version": sent["version"]}))


def test_saving_an_existing_report_without_its_version_is_409(world):
    liaison = api_for(world.liaison_a)
    _ok(liaison.post(f"/assignments/{world.line_a.pk}/reports", Q2), 201)
    response = liaison.post(f"/assignments/{world.line_a.pk}/reports", {**Q2, "narrative": "另一稿"})
    assert (response.status_code, response.json()["code"]) == (409, "stale_edit")


def test_failed_submit_rolls_back_the_draft_saved_in_the_same_request(world):
    response = api_for(world.liaison_a).post(
        f"/assignments/{world.line_a.pk}/reports", {**Q2, "narrative": "", "submit": True}
    )
    assert (response.status_code, response.json()["code"]) == (422, "empty")
    assert not ProgressReport.objects.filter(assignment=world.line_a, period_start="2021-04-01").exists()


def test_wrong_role_is_403(world):
    sent = _ok(
        api_for(world.liaison_a).post(f"/assignments/{world.line_a.pk}/reports", {**Q2, "submit": True}), 201
    )
    for who, action in [(world.liaison_a, "approve"), (world.inspector, "approve"), (world.head_a, "accept")]:
        response = api_for(who).post(f"/reports/{sent['id']}/{action}", {"expected_version": sent["version"]})
        assert (response.status_code, response.json()["code"]) == (403, "forbidden"), (who, action)
    # The inspector reads the line but may not write reports on it.
    response = api_for(world.inspector).post(f"/assignments/{world.line_a.pk}/reports", Q2)
    assert response.status_code == 403


def test_other_units_liaison_gets_404_for_the_report_and_the_line(world):
    api = api_for(world.liaison_b)
    assert api.get(f"/reports/{world.report_a.pk}").status_code == 404
    assert api.post(f"/reports/{world.report_a.pk}/submit", {"expected_version": 1}).status_code == 404
    assert api.post(f"/assignments/{world.line_a.pk}/reports", Q2).status_code == 404
    assert world.report_a.pk not in {r["id"] for r in api.get("/reports").json()["items"]}


def test_report_list_holds_only_the_callers_rows(world):
    assert {r["id"] for r in _ok(api_for(world.liaison_a).get("/reports"))["items"]} == {world.report_a.pk}
    assert {r["id"] for r in _ok(api_for(world.liaison_b).get("/reports"))["items"]} == {world.report_b.pk}


def test_step_from_the_wrong_state_is_422_with_the_services_code(world):
    response = api_for(world.head_a).post(f"/reports/{world.report_a.pk}/approve", {"expected_version": 1})
    assert response.status_code == 422
    assert response.json()["code"] == "wrong_state"  # a draft is not submitted yet
    assert " / " in response.json()["message"]  # 中文 / English
