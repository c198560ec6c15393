"""``GET /regulations`` and ``GET /regulations/{id}``: the same scope as the pages, notes only for those
who may read them, answers as the OpenAPI schema says."""

from datetime import date

import pytest
import time_machine

from taizhang.regulations.services import regulation_create
from taizhang.rulemaking.services import regulation_decide, regulation_version_add
from tests.api.client import PREFIX, api_for
from tests.api.test_openapi_conformance import assert_conforms
from tests.factories import make_finding, make_inspection, make_regulation
from tests.regulations.conftest import pdf


@pytest.fixture
def regulation(city):
    regulation = regulation_create(
        actor=city.office,
        region=city.region,
        title="接待制度",
        issuing_unit=city.u1,
        issued_on=date(2019, 1, 1),
    )
    regulation_version_add(
        actor=city.office, regulation=regulation, file=pdf("正文.pdf"), issued_on=date(2019, 1, 1)
    )
    regulation.refresh_from_db()
    finding = make_finding(inspection=make_inspection(units=[city.u1]), unit=city.u1)
    regulation_decide(
        actor=city.office,
        regulation=regulation,
        kind="retain",
        evaluation="评估",
        decided_on=date(2021, 1, 4),
        expected_version=regulation.version,
        findings=[finding],
    )
    return regulation


@pytest.fixture
def spec(city):
    return api_for(city.office).get("/openapi.json").json()


def test_the_list_is_scoped_filtered_and_conforms(city, regulation, spec):
    make_regulation(title="起草的", region=city.region, status="drafting")
    make_regulation(title="乙市的", region=city.other)
    response = api_for(city.liaison2).get("/regulations", status="in_force")
    assert [r["title"] for r in response.json()["items"]] == ["接待制度"]
    assert_conforms(spec, "get", f"{PREFIX}/regulations", response)
    api = api_for(city.liaison2)
    with time_machine.travel(date(2023, 1, 4)):
        assert api.get("/regulations", due="true").json()["items"] == []  # reviewed (留) 2021-01-04
    with time_machine.travel(date(2023, 1, 5)):
        assert [r["title"] for r in api.get("/regulations", due="true").json()["items"]] == ["接待制度"]


def test_one_regulation_has_versions_and_decisions_with_notes_for_the_issuing_unit(city, regulation, spec):
    response = api_for(city.liaison1).get(f"/regulations/{regulation.pk}")
    body = response.json()
    assert_conforms(spec, "get", f"{PREFIX}/regulations/{{regulation_id}}", response)
    assert [v["file_names"] for v in body["versions"]] == [["正文.pdf"]]
    (decision,) = body["decisions"]
    assert (decision["kind"], decision["evaluation"], len(decision["finding_ids"])) == ("retain", "评估", 1)


def test_another_unit_gets_no_notes_and_not_the_other_unit_s_finding(city, regulation):
    (decision,) = api_for(city.liaison2).get(f"/regulations/{regulation.pk}").json()["decisions"]
    assert (decision["evaluation"], decision["finding_ids"]) == (None, [])


def test_another_region_gets_404(city, regulation):
    response = api_for(city.office_b).get(f"/regulations/{regulation.pk}")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
