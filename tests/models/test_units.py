import pytest
from django.core.exceptions import ValidationError

from taizhang.units.models import Region, UnitAlias
from taizhang.units.selectors import region_ancestor_ids, region_subtree_ids
from taizhang.units.services import region_create, unit_alias_add
from tests.factories import make_region, make_unit

pytestmark = pytest.mark.django_db


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
    assert region_ancestor_ids(district.pk) == [district.pk, city.pk, province.pk]  # nearest first
    assert region_ancestor_ids(None) == []
