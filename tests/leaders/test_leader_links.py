"""联系领导: the office links a leader to regulations and units with a yearly quota of inspections to lead;
the leader's page and the office's list count the inspections they led this year against it."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.audit.models import AuditEvent
from taizhang.inspections.models import Inspection
from taizhang.leaders.models import LeaderLink
from taizhang.leaders.selectors import leader_for_office, leader_overview, leader_own
from taizhang.leaders.services import leader_link_set
from taizhang.lib.refusal import Refusal
from tests.factories import make_regulation
from tests.inspections.world import advance, plan

pytestmark = pytest.mark.django_db


def _link(city, **changes):
    values = {
        "leader": city.leader,
        "region": city.region,
        "regulations": [city.regulation],
        "units": [city.a],
        "yearly_quota": 3,
    }
    return leader_link_set(actor=city.admin, **(values | changes))


def test_the_office_links_a_leader_and_replaces_the_links_with_audit(city):
    link = _link(city)
    assert list(link.units.all()) == [city.a] and link.yearly_quota == 3
    link = _link(city, units=[city.b], regulations=[], yearly_quota=2)
    assert list(link.units.all()) == [city.b] and not link.regulations.exists()
    assert LeaderLink.objects.count() == 1
    last = AuditEvent.objects.filter(action="leader_link.set").order_by("pk").last()
    assert last.before["units"] == [city.a.pk] and last.after["units"] == [city.b.pk]


def test_refusals_leave_the_links_as_they_were(city):
    _link(city)
    with pytest.raises(Refusal) as not_leader:
        _link(city, leader=city.inspector)
    assert not_leader.value.code == "not_a_leader"
    with pytest.raises(Refusal) as unit_leader:  # a leader granted on one unit is not the office's leader
        _link(city, leader=city.unit_leader_a)
    assert unit_leader.value.code == "not_a_leader"
    with pytest.raises(Refusal) as quota:
        _link(city, yearly_quota=99)
    assert quota.value.code == "bad_quota"
    with pytest.raises(Refusal) as outside:
        _link(city, units=[city.x], regulations=[make_regulation(region=city.other)])
    assert outside.value.code == "out_of_region" and len(outside.value.names) == 2
    with pytest.raises(PermissionDenied):
        leader_link_set(
            actor=city.admin_x,
            leader=city.leader,
            region=city.region,
            regulations=[],
            units=[],
            yearly_quota=1,
        )
    link = LeaderLink.objects.get()
    assert (list(link.units.all()), link.yearly_quota) == ([city.a], 3)


def test_due_and_done_count_the_inspections_the_leader_led_this_year(city, clock):
    _link(city, yearly_quota=3)
    finished = advance(city, plan(city, lead_leader=city.leader), Inspection.State.DONE)
    advance(city, plan(city, lead_leader=city.leader, title="发布"), Inspection.State.PUBLISHED)
    plan(city, lead_leader=city.leader, title="计划中")
    plan(city, lead_leader_name="别人", title="别人带队")
    Inspection.objects.create(  # last year's: not counted this year
        kind="open", title="去年", region=city.region, lead_leader=city.leader,
        lead_leader_name="李书记", start_date=date(2020, 6, 1), created_by=city.admin, state="done",
    )  # fmt: skip
    row = leader_own(user=city.leader, year=2021)
    assert (row.quota, row.done, row.under_way, row.owed) == (3, 2, 1, 1)
    assert [r.title for r in row.regulations] == [city.regulation.title]
    assert finished.lead_leader == city.leader
    assert leader_own(user=city.leader, year=2020).done == 1


def test_the_office_list_shows_every_leader_of_its_region_those_owing_first(city):
    _link(city, yearly_quota=0)
    rows = leader_overview(user=city.admin, year=2021)
    assert [r.leader for r in rows] == [city.leader] and rows[0].owed == 0
    assert leader_overview(user=city.admin_x, year=2021) == []
    assert leader_overview(user=city.inspector, year=2021)[0].leader == city.leader
    assert leader_overview(user=city.admin, year=2022)[0].quota == 0  # the link's quota, whatever the year


def test_an_unlinked_leader_is_due_the_default_quota(city):
    (row,) = leader_overview(user=city.admin, year=2021)
    assert (row.quota, row.done, row.owed, row.units) == (2, 0, 2, [])


def test_only_the_regions_office_edits_and_only_a_leader_has_my_page(city):
    with pytest.raises(Http404):
        leader_for_office(user=city.admin_x, pk=city.leader.pk)
    with pytest.raises(Http404):
        leader_own(user=city.inspector, year=2021)
    client = Client()
    client.force_login(city.admin)
    url = reverse("leader_link_edit", args=[city.leader.pk])
    body = {"units": [city.b.pk], "regulations": [city.regulation.pk], "yearly_quota": 4}
    assert client.post(url, body).status_code == 302
    assert LeaderLink.objects.get(leader=city.leader).yearly_quota == 4
    assert client.post(url, body | {"yearly_quota": -1}).status_code == 422
    assert "李书记" in client.get(reverse("leader_list")).content.decode()
    client.force_login(city.leader)
    page = client.get(reverse("leader_mine"))
    assert page.status_code == 200 and city.b.name in page.content.decode()
    assert client.post(url, body).status_code == 403


def test_the_list_costs_the_same_queries_for_any_number_of_leaders(city, django_assert_max_num_queries):
    from tests.factories import make_user

    for n in range(5):
        leader = make_user(role=Role.LEADER, region=city.region, display_name=f"领导{n}")
        _link(city, leader=leader)
        plan(city, lead_leader=leader, title=f"检查{n}")
    with django_assert_max_num_queries(6):
        rows = leader_overview(user=city.admin, year=2021)
    assert len(rows) == 6 and sum(r.under_way for r in rows) == 5
