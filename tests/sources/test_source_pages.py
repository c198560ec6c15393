"""The pages of petitions and polls: the office registers one and turns it into a case from its page; the
office side reads the petitioner; a unit reaches no page (403) and another region's office gets 404."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from taizhang.sources.models import Petition
from taizhang.sources.services import petition_register

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def petition(city):
    return petition_register(
        actor=city.admin, region=city.region, channel="visit", received_on=date(2021, 5, 10),
        summary="违规收受礼品", content="某科长收受购物卡", units=[city.a], petitioner_name="赵大",
        petitioner_contact="13900002222",
    )  # fmt: skip


def test_the_office_registers_a_petition_from_the_form(city):
    office = _client(city.admin)
    assert office.get(reverse("petition_create")).status_code == 200
    answer = office.post(
        reverse("petition_create"),
        {
            "channel": "phone", "received_on": "2021-05-09", "summary": "吃空饷", "content": "有人长期不上班",
            "units": [city.b.pk], "anonymous": "on",
        },
    )  # fmt: skip
    petition = Petition.objects.get()
    assert answer.status_code == 302 and petition.anonymous and list(petition.units.all()) == [city.b]
    bad = office.post(reverse("petition_create"), {"channel": "phone", "received_on": "2099-01-01"})
    assert bad.status_code == 422 and Petition.objects.count() == 1


def test_the_office_side_reads_the_petitioner_and_a_unit_reaches_nothing(city, petition):
    page = _client(city.leader).get(reverse("petition_detail", args=[petition.pk]))
    assert page.status_code == 200 and "赵大" in page.text and "13900002222" in page.text
    assert "to-case" not in page.text  # a leader reads, does not write
    for person in (city.liaison_a, city.head_a):
        assert _client(person).get(reverse("petition_detail", args=[petition.pk])).status_code == 403
        assert _client(person).get(reverse("petition_list")).status_code == 403
    assert _client(city.admin_x).get(reverse("petition_detail", args=[petition.pk])).status_code == 404


def test_a_petition_is_turned_into_a_case_from_its_page(city, petition):
    office = _client(city.admin)
    url = reverse("petition_to_case", args=[petition.pk])
    answer = office.post(url, {"unit": city.a.pk, "title": "违规收受礼品", "opened_on": "2021-05-10"})
    petition.refresh_from_db()
    assert answer.status_code == 302 and petition.state == "converted" and petition.case is not None
    page = office.get(reverse("petition_detail", args=[petition.pk]))
    assert reverse("case_detail", args=[petition.case_id]) in page.text
    case_page = office.get(reverse("case_detail", args=[petition.case_id]))  # and back from the case
    assert reverse("petition_detail", args=[petition.pk]) in case_page.text
    again = office.post(url, {"unit": city.a.pk, "title": "再次", "opened_on": "2021-05-10"})
    assert again.status_code == 422 and "该线索已转化" in again.text
