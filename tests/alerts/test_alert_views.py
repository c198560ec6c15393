"""The warning pages: the office side sees the region's warnings with counts per level, a unit only its
own with its open count; the detail page offers each person the form that is theirs; 立即核对 runs the
rules for the office's regions; the API answers with the same rules."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from taizhang.alerts.codes import AlertCode
from taizhang.alerts.models import AdmonitionTalk, Alert
from tests.factories import make_alert, make_rectification

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alerts(city):
    return {
        "a": make_alert(unit=city.a, level="red", required="talk", summary="A单位红色预警"),
        "b": make_alert(unit=city.b, level="yellow", required="explain", summary="B单位黄色预警"),
        "x": make_alert(unit=city.x, level="notice", summary="乙市预警"),
    }


def test_the_office_side_lists_the_regions_warnings_and_counts_them(city, alerts):
    page = _client(city.leader).get("/alerts/").content.decode()
    assert "A单位红色预警" in page and "B单位黄色预警" in page and "乙市预警" not in page
    assert "红色预警 1" in page and "黄色预警 1" in page and "立即核对" not in page
    filtered = _client(city.admin).get("/alerts/", {"level": "yellow"}).content.decode()
    assert "B单位黄色预警" in filtered and "A单位红色预警" not in filtered and "立即核对" in filtered


def test_a_unit_lists_only_its_own_warnings_with_its_open_count(city, alerts):
    page = _client(city.liaison_a).get("/alerts/").content.decode()
    assert "A单位红色预警" in page and "B单位黄色预警" not in page
    assert "本单位有 1 条未解除的预警" in page


def test_a_unit_opens_its_own_warning_and_not_anothers(city, alerts):
    client = _client(city.liaison_b)
    assert client.get(f"/alerts/{alerts['a'].pk}/").status_code == 404
    page = client.get(f"/alerts/{alerts['b'].pk}/").content.decode()
    assert 'action="/alerts/{}/explain/"'.format(alerts["b"].pk) in page and "决定解除预警" not in page


def test_the_unit_explains_through_the_page(city, alerts):
    alert = alerts["b"]
    response = _client(city.head_b).post(
        f"/alerts/{alert.pk}/explain/", {"explanation": "正在整改", "expected_version": 1}
    )
    assert response.status_code == 302
    assert Alert.objects.get(pk=alert.pk).explanation == "正在整改"
    stale = _client(city.head_b).post(
        f"/alerts/{alert.pk}/explain/", {"explanation": "x", "expected_version": 1}
    )
    assert stale.status_code == 409 and Alert.objects.get(pk=alert.pk).explanation == "正在整改"


def test_the_office_records_a_talk_and_closes_from_the_warnings_page(city, alerts):
    alert, client = alerts["a"], _client(city.admin)
    page = client.get(f"/alerts/{alert.pk}/").content.decode()
    assert "记录谈话提醒" in page and "决定解除预警" in page and "立案问责" in page
    talk = {
        "unit": city.a.pk,
        "alert": alert.pk,
        "talked_with": "王局长",
        "held_by": "李书记",
        "held_on": "2021-05-10",
        "notes": "约谈",
    }
    assert client.post("/alerts/talks/new/", talk)["Location"] == f"/alerts/{alert.pk}/"
    assert AdmonitionTalk.objects.get().alert == alert
    assert "约谈" in _client(city.liaison_a).get(f"/alerts/{alert.pk}/").content.decode()
    assert client.post(f"/alerts/{alert.pk}/close/", {"reason": "", "expected_version": 1}).status_code == 422
    assert (
        client.post(f"/alerts/{alert.pk}/close/", {"reason": "核实", "expected_version": 1}).status_code
        == 302
    )
    assert Alert.objects.get(pk=alert.pk).closed_how == "decided"


def test_a_future_talk_is_refused_on_the_form(city, alerts):
    talk = {
        "unit": city.a.pk,
        "talked_with": "王局长",
        "held_by": "李书记",
        "held_on": "2021-05-11",
        "notes": "x",
    }
    response = _client(city.admin).post("/alerts/talks/new/", talk)
    assert response.status_code == 422 and "谈话日期不能晚于今天" in response.content.decode()
    assert not AdmonitionTalk.objects.exists()


def test_check_now_runs_the_rules_for_the_offices_region_only(city, clock):
    make_rectification(unit=city.a, deadline=date(2021, 5, 1))
    make_rectification(unit=city.x, deadline=date(2021, 5, 1))
    response = _client(city.admin).post("/alerts/refresh/")
    assert response.status_code == 302 and response.url.startswith("/jobs/")
    assert not Alert.objects.exists()  # queued: the request did not wait for the rules
    call_command("worker", "--once", stdout=StringIO())
    assert list(Alert.objects.values_list("unit", flat=True)) == [city.a.pk]
    page = _client(city.admin).get(response.url).content.decode()
    assert "核对完成：新增预警 1 条，升级 0 条，降级 0 条，解除 0 条。" in page
    assert _client(city.leader).post("/alerts/refresh/").status_code == 403


def test_the_api_lists_a_units_own_warnings_and_takes_its_explanation(city, alerts):
    client = _client(city.liaison_b)
    listed = client.get("/api/v1/alerts").json()
    assert [a["summary"] for a in listed["items"]] == ["B单位黄色预警"] and listed["total"] == 1
    assert client.get(f"/api/v1/alerts/{alerts['a'].pk}").status_code == 404
    body = {"explanation": "正在整改", "expected_version": 1}
    answer = client.post(f"/api/v1/alerts/{alerts['b'].pk}/explain", body, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["explanation"] == "正在整改"
    assert answer.json()["explained"] is True and answer.json()["evidence"] == {}
    again = client.post(f"/api/v1/alerts/{alerts['b'].pk}/explain", body, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "stale_edit"
    office = _client(city.admin).post(
        f"/api/v1/alerts/{alerts['b'].pk}/explain",
        {**body, "expected_version": 2},
        content_type="application/json",
    )
    assert office.status_code == 403 and set(office.json()) == {"code", "message"}


def test_the_api_list_filters_by_level_and_state(city, alerts):
    client = _client(city.admin)
    assert client.get("/api/v1/alerts", {"level": "red"}).json()["total"] == 1
    assert client.get("/api/v1/alerts", {"state": "closed"}).json()["total"] == 0
    assert client.get("/api/v1/alerts").json()["items"][0]["level"] == "red"  # red first


def test_the_api_answers_an_explanation_the_alert_service_refuses_with_the_alerts_code(city, alerts):
    client = _client(city.liaison_b)
    body = {"explanation": "   ", "expected_version": 1}  # blank once stripped: the service refuses it
    answer = client.post(f"/api/v1/alerts/{alerts['b'].pk}/explain", body, content_type="application/json")
    assert (answer.status_code, answer.json()["code"]) == (422, AlertCode.EXPLANATION_REQUIRED)
    assert answer.json()["message"] == "请填写原因说明。 / The explanation is required."
