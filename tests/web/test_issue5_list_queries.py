"""The lists of issue 5 cost the same number of queries for a few rows as for many (no query per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from taizhang.accounts.models import Role
from tests.assessment.scene import published_assessment
from tests.factories import (
    make_alert,
    make_case,
    make_regulation,
    make_regulation_version,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _office_and_units(n: int):
    units = [make_unit() for _ in range(n)]
    region = units[0].region
    for unit in units[1:]:
        unit.region = region
        unit.save()
    office = make_user(unit=units[0], role=Role.OFFICE_ADMIN, region=region)
    return office, units


@pytest.mark.parametrize(
    ("url", "build"),
    [
        ("/alerts/", lambda office, unit: make_alert(unit=unit, level="red")),
        ("/accountability/", lambda office, unit: make_case(unit=unit, created_by=office)),
        (
            "/regulations/",
            lambda office, unit: make_regulation_version(
                regulation=make_regulation(region=unit.region, issuing_unit=unit), created_by=office
            ),
        ),
    ],
    ids=["alerts", "cases", "regulations"],
)
def test_a_list_costs_the_same_for_2_rows_as_for_12(client, url, build):
    office, units = _office_and_units(12)
    client.force_login(office)
    for unit in units[:2]:
        build(office, unit)
    few = _queries(client, url)
    for unit in units[2:]:
        build(office, unit)
    assert _queries(client, url) == few


@pytest.mark.parametrize("page", ["/assessment/{}/", "/api/v1/assessments/{}"])
def test_an_assessment_costs_the_same_for_2_units_as_for_8(client, page):
    counts = []
    for n in (2, 8):
        office, units = _office_and_units(n)
        client.force_login(office)
        assessment = published_assessment(office=office, units=units)
        counts.append(_queries(client, page.format(assessment.pk)))
    assert counts[0] == counts[1]
