"""再问责: a red warning (or one asking for a case) open longer than TAIZHANG_ACCOUNTABILITY_DUE_DAYS with
no case is on the office side's list; one not yet due, closed, of a lower level or linked to a case is not;
opening a case from the list fills in the unit, the warning and the 再问责 mark."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from taizhang.accountability.models import AccountabilityCase
from taizhang.accountability.selectors import reaccountability_due
from tests.factories import make_alert, make_case

pytestmark = pytest.mark.django_db
TODAY = date(2021, 5, 10)


def _raised(days_ago: int) -> datetime:
    return datetime.combine(
        TODAY - timedelta(days=days_ago), datetime.min.time(), tzinfo=ZoneInfo("Asia/Shanghai")
    )


def _due(user) -> list[str]:
    return list(reaccountability_due(user=user, today=TODAY).values_list("summary", flat=True))


def test_the_list_holds_the_cases_due_and_not_opened(city, settings):
    settings.TAIZHANG_ACCOUNTABILITY_DUE_DAYS = 30
    make_alert(unit=city.a, level="red", summary="到期", raised_at=_raised(31))
    make_alert(unit=city.a, level="red", summary="未到期", raised_at=_raised(30))
    make_alert(unit=city.a, level="yellow", summary="黄色", raised_at=_raised(60))
    make_alert(unit=city.b, level="yellow", required="case", summary="要求问责", raised_at=_raised(60))
    make_alert(
        unit=city.a,
        level="red",
        summary="已解除",
        raised_at=_raised(60),
        state="closed",
        closed_at=_raised(1),
        closed_how="decided",
    )
    opened = make_alert(unit=city.a, level="red", summary="已立案", raised_at=_raised(60))
    make_case(unit=city.a).alerts.add(opened)
    make_alert(unit=city.x, level="red", summary="乙市", raised_at=_raised(60))
    assert sorted(_due(city.admin)) == ["到期", "要求问责"]
    assert sorted(_due(city.leader)) == ["到期", "要求问责"]
    assert _due(city.admin_x) == ["乙市"]
    assert _due(city.liaison_a) == []


def test_opening_a_case_from_the_list_prefills_it_and_takes_it_off(city, settings):
    alert = make_alert(unit=city.a, level="red", summary="督办单逾期未回复", raised_at=_raised(40))
    client = Client()
    client.force_login(city.admin)
    listing = client.get("/accountability/due/").content.decode()
    assert "督办单逾期未回复" in listing and f"?alert={alert.pk}&amp;re=1" in listing
    form = client.get("/accountability/new/", {"alert": alert.pk, "re": "1"}).content.decode()
    assert f'value="{alert.pk}"' in form and "checked" in form and "督办单逾期未回复" in form
    body = {
        "unit": city.a.pk,
        "target": "unit",
        "title": "再问责",
        "alerts": [alert.pk],
        "opened_on": "2021-05-10",
        "reaccountability": "on",
    }
    response = client.post("/accountability/new/", body)
    case = AccountabilityCase.objects.get()
    assert response["Location"] == f"/accountability/{case.pk}/"
    assert case.reaccountability and list(case.alerts.all()) == [alert]
    assert _due(city.admin) == []
    for unit_side in (city.liaison_a, city.head_a):
        unit_client = Client()
        unit_client.force_login(unit_side)
        assert unit_client.get("/accountability/due/").status_code == 403
