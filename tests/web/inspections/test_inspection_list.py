"""督办检查 list: what the reader may see — never a covert inspection before it is published, to a unit —
with the same number of queries for 3 inspections as for 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from taizhang.inspections.models import Inspection
from tests.inspections.world import advance, find, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(city):
    visible = plan(city, title="明查发改委")
    covert = advance(city, plan(city, kind="covert", title="暗访财政局"), "in_progress")
    find(city, covert, unit=city.a)
    return visible, covert


def _titles(response):
    return [inspection.title for inspection in response.context["page"].object_list]


@pytest.mark.parametrize("who", ["admin", "leader", "inspector"])
def test_the_office_side_lists_covert_inspections(client, city, two, who):
    client.force_login(getattr(city, who))
    response = client.get(reverse("inspection_list"))
    assert response.status_code == 200 and set(_titles(response)) == {"明查发改委", "暗访财政局"}


@pytest.mark.parametrize("who", ["liaison_a", "head_b", "unit_leader_a"])
def test_a_unit_never_lists_a_covert_inspection_before_it_is_published(client, city, two, who):
    client.force_login(getattr(city, who))
    response = client.get(reverse("inspection_list"))
    assert _titles(response) == ["明查发改委"] and "暗访财政局" not in response.content.decode()


def test_a_published_covert_inspection_is_listed_for_its_units(client, city, two):
    advance(city, two[1], "published")
    client.force_login(city.liaison_b)
    assert set(_titles(client.get(reverse("inspection_list")))) == {"明查发改委", "暗访财政局"}


def test_only_the_office_is_offered_to_plan(client, city):
    client.force_login(city.admin)
    assert reverse("inspection_create") in client.get(reverse("inspection_list")).content.decode()
    client.force_login(city.leader)
    assert reverse("inspection_create") not in client.get(reverse("inspection_list")).content.decode()


def test_filters_by_year_and_state(client, city, two):
    client.force_login(city.admin)
    assert _titles(client.get(reverse("inspection_list"), {"state": "in_progress"})) == ["暗访财政局"]
    assert _titles(client.get(reverse("inspection_list"), {"year": "2020"})) == []
    assert len(_titles(client.get(reverse("inspection_list"), {"year": "abc", "state": "nonsense"}))) == 2


def test_the_list_costs_the_same_queries_for_3_and_30_inspections(client, city):
    client.force_login(city.liaison_a)
    counts = []
    for n in (3, 30):
        while Inspection.objects.count() < n:
            find(city, advance(city, plan(city), "in_progress"), unit=city.a)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("inspection_list"))
        assert len(_titles(response)) == n
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_list_reads_in_english(client, city, two):
    client.force_login(city.admin)
    client.post(reverse("set_language"), {"language": "en"})
    page = client.get(reverse("inspection_list")).content.decode()
    assert "<h1>Inspections</h1>" in page and "Covert visit" in page and "2 inspections" in page
