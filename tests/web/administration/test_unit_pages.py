import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.units.models import Region, Unit
from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    region = make_region(name="咸宁市")
    admin = make_user(unit=make_unit(region=region, name="市纪委"), role=Role.SYSTEM_ADMIN, region=region)
    client.force_login(admin)
    client.region = region
    return client


def test_a_units_page_counts_its_people_and_lines_and_lists_its_aliases(admin_client):
    unit = make_unit(region=admin_client.region, name="市财政局")
    make_user(unit=unit)
    make_assignment(unit=unit)
    admin_client.post(reverse("unit_alias_add", args=[unit.pk]), {"alias": "财政局"})
    page = admin_client.get(reverse("unit_manage", args=[unit.pk]))
    assert page.context["users_count"] == 1 and page.context["lines_count"] == 1
    assert "财政局" in [a.alias for a in page.context["aliases"]]


def test_creating_a_unit_leads_to_its_page(admin_client):
    response = admin_client.post(
        reverse("unit_create"),
        {
            "name": "市审计局",
            "short_name": "",
            "kind": "government",
            "region": admin_client.region.pk,
            "order": 3,
        },
    )
    unit = Unit.objects.get(name="市审计局")
    assert response.status_code == 302 and response["Location"] == reverse("unit_manage", args=[unit.pk])


def test_a_duplicate_name_shows_the_form_again_with_422_and_saves_nothing(admin_client):
    make_unit(region=admin_client.region, name="市审计局")
    response = admin_client.post(
        reverse("unit_create"), {"name": "市审计局", "kind": "government", "region": admin_client.region.pk}
    )
    assert response.status_code == 422
    assert "本区划已有单位" in response.content.decode()
    assert Unit.objects.filter(name="市审计局").count() == 1


def test_renaming_through_the_page_keeps_the_old_name(admin_client):
    unit = make_unit(region=admin_client.region, name="市计委")
    response = admin_client.post(
        reverse("unit_rename", args=[unit.pk]), {"name": "市发改委", "short_name": ""}
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "市发改委" and unit.aliases.get().alias == "市计委"


def test_a_refused_alias_shows_the_page_with_422(admin_client):
    unit = make_unit(region=admin_client.region, name="市财政局")
    response = admin_client.post(reverse("unit_alias_add", args=[unit.pk]), {"alias": "市财政局"})
    assert response.status_code == 422 and "别名与单位本身的名称相同" in response.content.decode()


def test_deactivating_and_reactivating_through_the_page(admin_client):
    unit = make_unit(region=admin_client.region)
    admin_client.post(reverse("unit_active", args=[unit.pk]), {"action": "deactivate"})
    unit.refresh_from_db()
    assert not unit.active
    admin_client.post(reverse("unit_active", args=[unit.pk]), {"action": "reactivate"})
    unit.refresh_from_db()
    assert unit.active


def test_the_merge_page_shows_what_would_move_and_merges_once_confirmed(admin_client):
    a = make_unit(region=admin_client.region, name="甲局")
    b = make_unit(region=admin_client.region, name="乙局")
    make_assignment(unit=a)
    url = reverse("unit_merge", args=[a.pk])
    preview = admin_client.get(url, {"target": b.pk})
    assert (
        preview.context["plan"].counts["ledger.Assignment.unit"] == 1 and not preview.context["plan"].problems
    )
    assert admin_client.post(url, {"target": b.pk}).status_code == 422  # not confirmed
    response = admin_client.post(url, {"target": b.pk, "confirm": "on"})
    assert response.status_code == 302
    a.refresh_from_db()
    assert not a.active and b.assignments.count() == 1


def test_a_refused_merge_lists_the_broken_rules(admin_client):
    a = make_unit(region=admin_client.region, name="甲局")
    b = make_unit(region=admin_client.region, name="乙局")
    task = make_plan(region=admin_client.region).tasks.first()
    make_assignment(task=task, unit=a)
    make_assignment(task=task, unit=b)
    preview = admin_client.get(reverse("unit_merge", args=[a.pk]), {"target": b.pk})
    assert "合并后将重复" in preview.content.decode()
    response = admin_client.post(reverse("unit_merge", args=[a.pk]), {"target": b.pk, "confirm": "on"})
    assert response.status_code == 422
    a.refresh_from_db()
    assert a.active


def test_the_region_tree_adds_a_district_under_a_city_and_renames(admin_client):
    city = admin_client.region
    admin_client.post(reverse("region_child_create", args=[city.pk]), {"name": "咸安区"})
    district = Region.objects.get(name="咸安区")
    assert (district.parent, district.level) == (city, "district")
    admin_client.post(reverse("region_child_create", args=[district.pk]), {"name": "某镇"})
    assert not Region.objects.filter(name="某镇").exists()
    admin_client.post(reverse("region_rename", args=[district.pk]), {"name": "咸安新区"})
    district.refresh_from_db()
    assert district.name == "咸安新区"
    tree = admin_client.get(reverse("region_tree"))
    assert [row[0].region.name for row in tree.context["rows"]] == ["咸宁市", "咸安新区"]


def test_the_office_admin_reads_a_unit_but_may_not_change_it(client):
    region = make_region()
    office = make_user(unit=make_unit(region=region), role=Role.OFFICE_ADMIN, region=region)
    unit = make_unit(region=region, name="市财政局")
    client.force_login(office)
    page = client.get(reverse("unit_manage", args=[unit.pk]))
    assert page.status_code == 200 and reverse("unit_rename", args=[unit.pk]) not in page.content.decode()
    assert client.post(reverse("unit_rename", args=[unit.pk]), {"name": "x"}).status_code == 403
