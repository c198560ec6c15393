"""keyreg_edit and keyreg_overview: a unit names its key regulations of the year; the office sees who has
not named enough and which named regulations were inspected."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.supervision.models import KeyRegulation
from tests.factories import make_assignment, make_inspection, make_plan, make_regulation, make_unit
from tests.web.supervision.conftest import page

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(city, settings):
    settings.TAIZHANG_KEY_REGULATIONS_MIN, settings.TAIZHANG_KEY_REGULATIONS_MAX = 2, 3
    return [make_regulation(title=t, region=city.region) for t in ("公务接待管理办法", "政府采购管理办法")]


def test_the_unit_names_regulations_from_the_register_and_by_title(client, city, register):
    client.force_login(city.liaison1)
    assert "公务接待管理办法" in page(client.get(reverse("keyreg_edit")))
    data = {
        "unit": city.u1.pk,
        "year": 2021,
        "regulations": [register[0].pk],
        "new_titles": "《干部监督办法》\n",
    }
    response = client.post(reverse("keyreg_edit"), data)
    assert response.status_code == 302
    titles = set(
        KeyRegulation.objects.filter(unit=city.u1, year=2021).values_list("regulation__title", flat=True)
    )
    assert titles == {"公务接待管理办法", "干部监督办法"}
    assert "干部监督办法" in page(client.get(response["Location"]))


def test_too_few_is_422_with_the_numbers(client, city, register):
    client.force_login(city.liaison1)
    response = client.post(reverse("keyreg_edit"), {"year": 2021, "regulations": [register[0].pk]})
    assert response.status_code == 422 and "须明确 2—3 项重点制度，本次为 1 项" in page(response)
    assert not KeyRegulation.objects.exists()


def test_another_units_page_is_404(client, city, register):
    client.force_login(city.liaison1)
    assert client.get(reverse("keyreg_edit"), {"unit": city.u2.pk}).status_code == 404


@pytest.mark.parametrize("who", ["office", "leader"])
def test_the_edit_page_is_for_units(client, city, who):
    client.force_login(getattr(city, who))
    assert client.get(reverse("keyreg_edit")).status_code == 403


def test_the_overview_shows_units_short_and_inspected_regulations(client, city, register):
    plan = make_plan(region=city.region)
    for unit in (city.u1, city.u2):
        make_assignment(task=plan.tasks.first(), unit=unit, role="cooperating")
    for regulation in register:
        KeyRegulation.objects.create(unit=city.u1, year=2021, regulation=regulation, named_by=city.liaison1)
    make_inspection(region=city.region, start_date=date(2021, 5, 1)).regulations.add(register[0])
    client.force_login(city.leader)
    response = client.get(reverse("keyreg_overview"), {"year": 2021})
    html = page(response)
    assert [row.unit for row in response.context["short"]] == [city.u2]
    assert "1 个单位尚未明确足数" in html and "已明确 2 项，其中 1 项本年度已开展督办检查" in html
    assert "已检查" in html and "未检查" in html


def test_three_declared_by_a_unit_show_at_once_in_the_overview_of_the_same_year(client, city, register):
    """Issue 13's sequence: the unit's only plan ran 2008–2012, the liaison declares three for this year
    (2021) on the page, and the office opens the overview at its default year: three, not "0 项"."""
    old_plan = make_plan(region=city.region, period_start=2008, period_end=2012)
    make_assignment(task=old_plan.tasks.first(), unit=city.u1)
    client.force_login(city.liaison1)
    data = {"unit": city.u1.pk, "regulations": [r.pk for r in register], "new_titles": "干部监督办法"}
    assert client.post(reverse("keyreg_edit"), data).status_code == 302
    client.force_login(city.office)
    response = client.get(reverse("keyreg_overview"))
    assert response.context["year"] == 2021
    assert "已明确 3 项" in page(response) and "干部监督办法" in page(response)
    assert [row.unit for row in response.context["rows"]] == [city.u1]
    client.force_login(city.far_office)  # another city's office still sees none of it
    assert "已明确 0 项" in page(client.get(reverse("keyreg_overview")))


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("zh-hans", "须明确 2—3 项重点制度，本次为 1 项", "Each unit names"),
        ("en", "Each unit names 2 to 3 key regulations a year; this list has 1.", "须明确"),
    ],
)
def test_a_refusal_on_a_page_is_in_the_pages_language_only(
    client, city, register, language, shown, not_shown
):
    """Issue 13 item 9: a Chinese page shows the refusal without its English sentence, an English page
    without its Chinese one (the message is the service's ``Refusal``, rendered in the active language)."""
    city.liaison1.language = language
    city.liaison1.save(update_fields=["language"])
    client.force_login(city.liaison1)
    response = client.post(reverse("keyreg_edit"), {"year": 2021, "regulations": [register[0].pk]})
    assert response.status_code == 422
    assert shown in page(response) and not_shown not in page(response) and " / " not in shown


@pytest.mark.parametrize("who", ["liaison1", "head1"])
def test_the_overview_is_403_for_units(client, city, who):
    client.force_login(getattr(city, who))
    assert client.get(reverse("keyreg_overview")).status_code == 403


def test_the_overview_costs_the_same_for_2_and_20_units(client, city, register):
    plan = make_plan(region=city.region)
    client.force_login(city.office)
    counts = []
    for n in (2, 20):
        for _ in range(n):
            unit = make_unit(region=city.region)
            make_assignment(task=plan.tasks.first(), unit=unit)
            KeyRegulation.objects.create(unit=unit, year=2021, regulation=register[0], named_by=city.office)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("keyreg_overview"), {"year": 2021})
        counts.append(len(queries))
    assert counts[0] == counts[1]
