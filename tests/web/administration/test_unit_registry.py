import pytest
from django.urls import reverse

from taizhang.accounts.models import Role
from taizhang.units.models import Unit, UnitAlias
from tests.factories import make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    region = make_region(name="咸宁市")
    admin = make_user(unit=make_unit(region=region, name="市纪委"), role=Role.SYSTEM_ADMIN, region=region)
    return region, admin


def _names(response) -> list[str]:
    return [unit.name for unit in response.context["page"].object_list]


def test_search_finds_a_unit_by_full_name_short_name_or_alias(client, city):
    region, admin = city
    unit = make_unit(region=region, name="市发展和改革委员会", short_name="市发改委")
    UnitAlias.objects.create(region=region, unit=unit, alias="市计委", source="manual")
    make_unit(region=region, name="市财政局")
    client.force_login(admin)
    for q in ("发展和改革", "发改委", "计委"):
        assert _names(client.get(reverse("unit_registry"), {"q": q})) == ["市发展和改革委员会"], q


def test_filters_by_region_kind_and_state(client, city):
    region, admin = city
    district = make_region(name="咸安区", level="district", parent=region)
    make_unit(region=district, name="区财政局", kind=Unit.Kind.GOVERNMENT)
    town = make_unit(region=district, name="横沟桥镇", kind=Unit.Kind.TOWNSHIP)
    Unit.objects.filter(pk=town.pk).update(active=False)
    client.force_login(admin)
    url = reverse("unit_registry")
    assert _names(client.get(url, {"region": district.pk})) == ["区财政局", "横沟桥镇"]
    assert _names(client.get(url, {"kind": "township"})) == ["横沟桥镇"]
    assert "横沟桥镇" not in _names(client.get(url, {"active": "1"}))


def test_units_of_another_city_are_not_listed(client, city):
    _, admin = city
    make_unit(name="乙市某局")
    client.force_login(admin)
    assert "乙市某局" not in _names(client.get(reverse("unit_registry")))


def test_the_office_admin_reads_the_registry_without_the_new_unit_button(client, city):
    region, _ = city
    office = make_user(unit=make_unit(region=region), role=Role.OFFICE_ADMIN, region=region)
    client.force_login(office)
    response = client.get(reverse("unit_registry"))
    assert response.status_code == 200
    assert reverse("unit_create") not in response.content.decode()


def test_the_query_count_stays_flat_for_a_province_sized_registry(
    client, city, django_assert_max_num_queries
):
    region, admin = city
    Unit.objects.bulk_create(Unit(region=region, name=f"单位{i:04d}", order=i) for i in range(1700))
    client.force_login(admin)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("unit_registry"), {"q": "单位", "page": 20})
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 50
