"""One inspection's page: a unit asking for a covert inspection by id before it is published gets 404;
once published it reads its own findings only; the office gets the next step and 记录问题."""

import pytest
from django.urls import reverse

from tests.inspections.world import advance, find, item_for, pdf, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def covert(city):
    inspection = advance(city, plan(city, kind="covert", title="暗访"), "done")
    find(city, inspection, unit=city.a, description="发改委的问题", files=[pdf("发改委照片.pdf")])
    find(city, inspection, unit=city.b, description="财政局的问题")
    return inspection


def _url(inspection):
    return reverse("inspection_detail", args=[inspection.pk])


@pytest.mark.parametrize("who", ["liaison_a", "head_b", "unit_leader_a", "admin_x"])
def test_a_unit_asking_for_a_covert_inspection_by_id_gets_404(client, city, covert, who):
    client.force_login(getattr(city, who))
    assert client.get(_url(covert)).status_code == 404


def test_the_office_side_reads_every_finding_with_its_files(client, city, covert):
    client.force_login(city.leader)
    page = client.get(_url(covert)).content.decode()
    assert "发改委的问题" in page and "财政局的问题" in page and "发改委照片.pdf" in page
    assert reverse("inspection_step", args=[covert.pk]) not in page  # leaders read


AUDIENCE = "本次暗访公开（通报）前仅本地区惩防办、领导和督查员可见，被检查单位看不到。"


@pytest.mark.parametrize("who", ["admin", "leader", "inspector"])
def test_the_page_says_who_sees_a_covert_inspection_and_those_are_who_see_it(client, city, covert, who):
    """Issue 13: a leader saw a covert inspection the page said only the office saw. The rule stands (the
    office side of the region: office admins, leaders, inspectors — decisions, "A covert inspection is
    the office side's until published") and the page now says so."""
    client.force_login(getattr(city, who))
    response = client.get(_url(covert))
    assert response.status_code == 200 and AUDIENCE in response.content.decode()


@pytest.mark.parametrize("who", ["liaison_a", "head_a", "unit_leader_a"])
def test_the_units_it_names_do_not_see_it_until_published_then_without_the_notice(client, city, covert, who):
    client.force_login(getattr(city, who))
    assert client.get(_url(covert)).status_code == 404
    advance(city, covert, "published")
    response = client.get(_url(covert))
    assert response.status_code == 200 and AUDIENCE not in response.content.decode()


def test_the_form_states_the_same_audience(client, city):
    client.force_login(city.admin)
    page = client.get(reverse("inspection_create")).content.decode()
    assert "仅本地区惩防办、领导和督查员可见" in page and "仅惩防办可见" not in page


def test_once_published_a_unit_reads_only_its_own_findings(client, city, covert):
    advance(city, covert, "published")
    client.force_login(city.liaison_b)
    response = client.get(_url(covert))
    page = response.content.decode()
    assert response.status_code == 200 and "财政局的问题" in page
    assert "发改委的问题" not in page and "发改委照片.pdf" not in page


def test_the_office_is_offered_the_next_step_and_to_record_findings(client, city):
    inspection = advance(city, plan(city), "in_progress")
    client.force_login(city.admin)
    page = client.get(_url(inspection)).content.decode()
    assert 'value="finish"' in page and reverse("finding_create", args=[inspection.pk]) in page


def test_a_finding_links_to_its_item_or_offers_to_assign_one(client, city):
    inspection = advance(city, plan(city), "in_progress")
    with_item = find(city, inspection, unit=city.a)
    without = find(city, inspection, unit=city.b)
    item = item_for(city, with_item)
    client.force_login(city.admin)
    page = client.get(_url(inspection)).content.decode()
    assert reverse("rectification_detail", args=[item.pk]) in page
    assert reverse("rectification_from_finding", args=[without.pk]) in page
    assert reverse("rectification_from_finding", args=[with_item.pk]) not in page


def test_a_covert_inspections_findings_are_not_offered_for_rectification_before_publication(
    client, city, covert
):
    client.force_login(city.admin)
    assert "/rectification/" not in client.get(_url(covert)).content.decode().split('id="findings"')[1]


def test_a_reinspection_links_the_earlier_inspection_only_for_those_who_may_read_it(client, city, covert):
    again = advance(city, plan(city, follows=covert, title="再督查"), "in_progress")
    client.force_login(city.admin)
    assert _url(covert) in client.get(_url(again)).content.decode()
    client.force_login(city.liaison_a)
    page = client.get(_url(again)).content.decode()
    assert _url(covert) not in page and "暗访" not in page.split("<h1>")[1].split("</section>")[0]
