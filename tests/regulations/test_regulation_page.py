"""What a regulation's page shows to whom: the register is the region's, the findings and items that name
it or triggered a decision only as their own rules allow, and decisions' notes to the office side and the
issuing unit."""

from datetime import date

import pytest
from django.http import Http404

from taizhang.regulations.selectors import regulation_get, regulation_list
from taizhang.regulations.services import regulation_create
from taizhang.rulemaking.page import regulation_page
from taizhang.rulemaking.services import regulation_decide
from tests.factories import make_finding, make_inspection, make_rectification, make_regulation


@pytest.fixture
def world(city):
    regulation = regulation_create(
        actor=city.office, region=city.region, title="接待制度", issuing_unit=city.u1
    )
    open_inspection = make_inspection(units=[city.u1, city.u2])
    covert = make_inspection(units=[city.u1, city.u2], kind="covert")
    findings = {
        "u1": make_finding(inspection=open_inspection, unit=city.u1, regulation=regulation),
        "u2": make_finding(inspection=open_inspection, unit=city.u2, regulation=regulation),
        "covert_u1": make_finding(inspection=covert, unit=city.u1, regulation=regulation),
    }
    items = {
        "u1": make_rectification(unit=city.u1, regulation=regulation),
        "u2": make_rectification(unit=city.u2, regulation=regulation),
    }
    regulation_decide(
        actor=city.office,
        regulation=regulation,
        kind="retain",
        evaluation="评估意见",
        decided_on=date(2021, 1, 4),
        expected_version=regulation.version,
        findings=list(findings.values()),
        rectifications=list(items.values()),
    )
    return regulation, findings, items


def _seen(user, regulation):
    page = regulation_page(user=user, regulation=regulation_get(user=user, pk=regulation.pk))
    (decision,) = page.decisions
    return (
        {f.pk for f in page.findings},
        {i.pk for i in page.items},
        {f.pk for f in decision.seen_findings},
        {i.pk for i in decision.seen_items},
        page.notes,
    )


def test_a_unit_sees_only_its_own_findings_and_items_never_a_covert_unpublished_one(city, world):
    regulation, findings, items = world
    mine = {findings["u1"].pk}, {items["u1"].pk}
    assert _seen(city.liaison1, regulation) == (*mine, *mine, True)  # U1 issued it: notes too
    theirs = {findings["u2"].pk}, {items["u2"].pk}
    assert _seen(city.liaison2, regulation) == (*theirs, *theirs, False)


def test_the_office_side_sees_every_finding_and_item_and_the_notes(city, world):
    regulation, findings, items = world
    every = {f.pk for f in findings.values()}, {i.pk for i in items.values()}
    assert _seen(city.leader, regulation) == (*every, *every, True)


def test_another_region_reads_nothing_of_the_register(city, world):
    regulation, _, _ = world
    with pytest.raises(Http404):
        regulation_get(user=city.office_b, pk=regulation.pk)
    assert not regulation_list(user=city.office_b).exists()


def test_central_and_upper_regulations_are_read_by_everyone_below(city):
    from tests.factories import make_region

    province = make_region(name="某省", level="province")
    city.region.parent = province
    city.region.save()
    central, upper = (
        make_regulation(title="中央的", region=None),
        make_regulation(title="省里的", region=province),
    )
    titles = set(regulation_list(user=city.liaison1).values_list("title", flat=True))
    assert {central.title, upper.title} <= titles
    assert set(regulation_list(user=city.office_b).values_list("title", flat=True)) == {"中央的"}
