"""配合评价: the lead unit's liaison or head rates each cooperating unit on the task, once a year (a new
rating replaces the year's, audited); nobody else rates, and only cooperating lines are rated."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Assignment, CooperationRating
from taizhang.ledger.services.cooperation import cooperation_rate
from taizhang.lib.refusal import Refusal
from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def task_lines():
    region = make_region()
    lead, co = make_unit(region=region), make_unit(region=region)
    task = make_plan(region=region).tasks.order_by("order").first()
    return {
        "lead_line": make_assignment(task=task, unit=lead),
        "co_line": make_assignment(task=task, unit=co, role=Assignment.Role.COOPERATING),
        "lead_liaison": make_user(unit=lead, role=Role.LIAISON),
        "co_liaison": make_user(unit=co, role=Role.LIAISON),
        "office": make_user(unit=make_unit(region=region), role=Role.OFFICE_ADMIN, region=region),
    }


def test_the_lead_unit_rates_a_co_unit_once_a_year(task_lines):
    t = task_lines
    cooperation_rate(actor=t["lead_liaison"], line=t["co_line"], rating=3, note="配合一般", year=2021)
    cooperation_rate(actor=t["lead_liaison"], line=t["co_line"], rating=5, year=2021)
    cooperation_rate(actor=t["lead_liaison"], line=t["co_line"], rating=4, year=2022)
    assert sorted(CooperationRating.objects.values_list("year", "rating")) == [(2021, 5), (2022, 4)]
    replaced = AuditEvent.objects.filter(action="ledger.cooperation_rate").order_by("pk")[1]
    assert replaced.before["rating"] == 3 and replaced.after["rating"] == 5


@pytest.mark.parametrize("who", ["co_liaison", "office"])
def test_only_the_lead_unit_rates(task_lines, who):
    with pytest.raises(PermissionDenied):
        cooperation_rate(actor=task_lines[who], line=task_lines["co_line"], rating=4)
    assert not CooperationRating.objects.exists()


def test_a_lead_line_is_not_rated_nor_a_rating_outside_one_to_five(task_lines):
    t = task_lines
    with pytest.raises(Refusal) as refused:
        cooperation_rate(actor=t["lead_liaison"], line=t["lead_line"], rating=4)
    assert refused.value.code == "not_cooperating"
    for rating in (0, 6):
        with pytest.raises(Refusal) as refused:
            cooperation_rate(actor=t["lead_liaison"], line=t["co_line"], rating=rating)
        assert refused.value.code == "bad_rating"
    assert not CooperationRating.objects.exists()


def test_the_page_offers_the_form_to_the_lead_unit_only(task_lines):
    t = task_lines
    url = reverse("task_cooperation", args=[t["co_line"].task_id])
    lead, co = Client(), Client()
    lead.force_login(t["lead_liaison"])
    co.force_login(t["co_liaison"])
    assert "保存评价" in lead.get(url).content.decode()
    assert "保存评价" not in co.get(url).content.decode()
    assert co.post(url, {"line": t["co_line"].pk, "rating": 1}).status_code == 403
    assert lead.post(url, {"line": t["co_line"].pk, "rating": 4, "note": "积极配合"}).status_code == 302
    assert "积极配合" in co.get(url).content.decode()  # the co-unit reads its rating
