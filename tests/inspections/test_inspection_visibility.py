"""Who reads which inspection and finding (selectors): a covert inspection and its findings are the office
side's until published — office admins, leaders and inspectors through a region grant — and never a unit's
before; a unit reads only its own findings; another region reads nothing."""

import pytest
from django.http import Http404

from taizhang.inspections.models import Inspection
from taizhang.inspections.selectors import (
    finding_evidence_get,
    finding_get,
    inspection_findings,
    inspection_get,
    inspection_list,
)
from tests.factories import make_plan
from tests.inspections.world import TODAY, advance, find, pdf, plan

pytestmark = pytest.mark.django_db

OFFICE_SIDE = ["admin", "leader", "inspector"]
UNIT_SIDE = ["liaison_a", "head_a", "unit_leader_a"]


@pytest.fixture
def covert(city):
    """A covert visit to A and B, done, not yet published, with a finding at each and a file on A's."""
    inspection = advance(city, plan(city, kind=Inspection.Kind.COVERT, title="暗访"), Inspection.State.DONE)
    inspection.found_a = find(city, inspection, unit=city.a, files=[pdf()])
    inspection.found_b = find(city, inspection, unit=city.b)
    return inspection


@pytest.mark.parametrize("who", OFFICE_SIDE)
def test_the_office_side_reads_a_covert_inspection_before_it_is_published(city, covert, who):
    user = getattr(city, who)
    assert list(inspection_list(user=user)) == [covert]
    assert inspection_get(user=user, pk=covert.pk) == covert
    assert set(inspection_findings(user=user, inspection=covert)) == {covert.found_a, covert.found_b}


@pytest.mark.parametrize("who", [*UNIT_SIDE, "liaison_b", "admin_x"])
def test_a_unit_never_sees_a_covert_inspection_before_it_is_published(city, covert, who):
    user = getattr(city, who)
    assert not inspection_list(user=user).exists()
    with pytest.raises(Http404):
        inspection_get(user=user, pk=covert.pk)
    for finding in (covert.found_a, covert.found_b):
        with pytest.raises(Http404):
            finding_get(user=user, pk=finding.pk)
    with pytest.raises(Http404):
        finding_evidence_get(user=user, pk=covert.found_a.evidence.get().pk)


def test_once_published_a_unit_reads_the_inspection_and_only_its_own_findings(city, covert):
    published = advance(city, covert, Inspection.State.PUBLISHED)
    assert inspection_get(user=city.liaison_a, pk=published.pk) == published
    assert list(inspection_findings(user=city.liaison_a, inspection=published)) == [covert.found_a]
    assert list(inspection_findings(user=city.head_b, inspection=published)) == [covert.found_b]
    assert finding_evidence_get(user=city.head_a, pk=covert.found_a.evidence.get().pk)
    with pytest.raises(Http404):
        finding_get(user=city.liaison_a, pk=covert.found_b.pk)  # B's finding, asked for by id
    with pytest.raises(Http404):
        finding_evidence_get(user=city.liaison_b, pk=covert.found_a.evidence.get().pk)


def test_an_open_inspection_is_seen_by_its_units_from_the_plan_on_and_by_nobody_else(city):
    inspection = plan(city, units=[city.a])
    assert list(inspection_list(user=city.liaison_a)) == [inspection]
    assert not inspection_list(user=city.liaison_b).exists()  # B is not in its scope
    assert not inspection_list(user=city.admin_x).exists()
    running = advance(city, inspection, Inspection.State.IN_PROGRESS)
    finding = find(city, running)
    assert finding_get(user=city.liaison_a, pk=finding.pk) == finding  # open: no need to wait


def test_the_list_counts_only_the_findings_the_reader_may_read(city):
    inspection = advance(city, plan(city), Inspection.State.IN_PROGRESS)
    find(city, inspection, unit=city.a)
    find(city, inspection, unit=city.b)
    find(city, inspection, unit=city.b)
    assert inspection_list(user=city.admin).get().finding_count == 3
    assert inspection_list(user=city.liaison_a).get().finding_count == 1


def test_the_list_filters_by_year_and_state(city):
    inspection = plan(city)
    assert list(inspection_list(user=city.admin, year=2021, state="planned")) == [inspection]
    assert not inspection_list(user=city.admin, year=2020).exists()
    assert not inspection_list(user=city.admin, state="done").exists()


def test_a_region_above_sees_a_covert_inspection_of_a_region_below(city):
    from taizhang.accounts.models import Role
    from tests.factories import make_region, make_unit, make_user

    district = make_region(name="咸安区", level="district", parent=city.region)
    unit = make_unit(region=district)
    district_admin = make_user(role=Role.OFFICE_ADMIN, region=district)
    make_plan(region=district)
    from taizhang.inspections.services import inspection_plan

    inspection = inspection_plan(
        actor=city.admin,
        kind="covert",
        title="暗访区直单位",
        region=district,
        start_date=TODAY,
        units=[unit],
        lead_leader_name="王主任",
    )
    assert inspection_get(user=city.admin, pk=inspection.pk) == inspection  # the city covers the district
    assert inspection_get(user=district_admin, pk=inspection.pk) == inspection
