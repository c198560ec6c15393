import pytest
from django.core.exceptions import ValidationError

from taizhang.units.models import Region, UnitAlias
from taizhang.units.selectors import region_subtree_ids, unit_by_printed_name
from taizhang.units.services import region_create, unit_alias_add, unit_create
from tests.factories import make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


def test_a_printed_name_resolves_by_full_name_short_name_then_alias():
    city = make_region()
    unit = unit_create(region=city, name="市发展和改革委员会", short_name="市发展改革委", actor=None)
    unit_alias_add(unit=unit, alias="市发改委", source=UnitAlias.Source.MANUAL, actor=make_user())
    for printed in ["市发展和改革委员会", "市发展改革委", " 市发改委 "]:
        assert unit_by_printed_name(region=city, name=printed) == unit
    assert unit_by_printed_name(region=city, name="市财政局") is None
    assert unit_by_printed_name(region=make_region(), name="市发改委") is None


def test_an_alias_names_one_unit_per_region():
    city = make_region()
    a, b = make_unit(region=city), make_unit(region=city)
    unit_alias_add(unit=a, alias="市纪委", source=UnitAlias.Source.SEED, actor=None, confirmed=False)
    with pytest.raises(ValidationError):
        unit_alias_add(unit=b, alias="市纪委", source=UnitAlias.Source.SEED, actor=None, confirmed=False)
    unit_alias_add(
        unit=make_unit(), alias="市纪委", source=UnitAlias.Source.SEED, actor=None, confirmed=False
    )


def test_an_alias_is_confirmed_only_by_a_person():
    with pytest.raises(ValidationError):
        unit_alias_add(unit=make_unit(), alias="纪委", source=UnitAlias.Source.IMPORT, actor=None)


def test_regions_nest_one_level_at_a_time():
    province = region_create(name="湖北省", level=Region.Level.PROVINCE, actor=None)
    with pytest.raises(ValidationError):
        region_create(name="咸安区", level=Region.Level.DISTRICT, parent=province, actor=None)
    city = region_create(name="咸宁市", level=Region.Level.CITY, parent=province, actor=None)
    district = region_create(name="咸安区", level=Region.Level.DISTRICT, parent=city, actor=None)
    assert region_subtree_ids({province.pk}) == {province.pk, city.pk, district.pk}
    assert region_subtree_ids({city.pk}) == {city.pk, district.pk}
