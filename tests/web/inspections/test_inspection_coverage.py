"""明查暗访情况 page: the counts of the selector for the chosen year; a unit sees its own row only."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_unit
from tests.inspections.world import advance, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(city):
    advance(city, plan(city), "done")
    advance(city, plan(city, kind="covert", units=[city.a]), "in_progress")


def _rows(response):
    return {row.unit.name: (row.open, row.covert, row.shortfall) for row in response.context["coverage"].rows}


def test_the_office_sees_every_unit_with_open_and_covert_counts(client, city, held):
    client.force_login(city.admin)
    response = client.get(reverse("inspection_coverage"), {"year": 2021})
    rows = _rows(response)
    assert rows["市发展和改革委员会"] == (1, 1, 0) and rows["市财政局"] == (1, 0, 0)
    assert "2021年已开展明查 1 次、暗访 1 次" in response.content.decode()


def test_a_unit_sees_its_own_row_without_the_unpublished_covert_visit(client, city, held):
    client.force_login(city.liaison_a)
    assert _rows(client.get(reverse("inspection_coverage"))) == {"市发展和改革委员会": (1, 0, 0)}


def test_another_year_counts_nothing(client, city, held):
    client.force_login(city.admin)
    rows = _rows(client.get(reverse("inspection_coverage"), {"year": 2020}))
    assert all(counts[:2] == (0, 0) for counts in rows.values())


def test_the_page_costs_the_same_queries_for_3_and_30_units(client, city, held):
    client.force_login(city.admin)
    counts = []
    for extra in (0, 27):
        for _ in range(extra):
            make_unit(region=city.region)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("inspection_coverage"))
        counts.append(len(queries))
    assert counts[0] == counts[1]
