import pytest
from django.core.exceptions import ValidationError

from taizhang.audit.models import AuditEvent
from taizhang.units.codes import UnitCode
from taizhang.units.matching import match_unit_names
from taizhang.units.models import UnitAlias
from taizhang.units.services import unit_rename
from tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db


def test_the_old_names_stay_as_confirmed_aliases_and_still_match():
    unit = make_unit(name="市发展计划委员会", short_name="市计委")
    actor = make_user()
    unit_rename(unit=unit, name="市发展和改革委员会", short_name="市发改委", actor=actor)
    unit.refresh_from_db()
    assert (unit.name, unit.short_name) == ("市发展和改革委员会", "市发改委")
    kept = {a.alias: a.confirmed_by for a in unit.aliases.all()}
    assert kept == {"市发展计划委员会": actor, "市计委": actor}
    assert match_unit_names(region=unit.region, names=["市发展计划委员会"])["市发展计划委员会"].exact == unit


def test_the_rename_is_audited_before_and_after():
    unit = make_unit(name="旧名称局")
    unit_rename(unit=unit, name="新名称局", short_name="", actor=None)
    event = AuditEvent.objects.get(action="unit.rename", object_id=str(unit.pk))
    assert event.before["name"] == "旧名称局" and event.after["name"] == "新名称局"
    assert event.after["aliases_kept"] == ["旧名称局"]


def test_renaming_back_to_an_alias_of_its_own_drops_that_alias():
    unit = make_unit(name="甲局")
    unit_rename(unit=unit, name="乙局", short_name="", actor=None)
    unit_rename(unit=unit, name="甲局", short_name="", actor=None)
    assert list(unit.aliases.values_list("alias", flat=True)) == ["乙局"]


def test_a_name_another_unit_has_or_goes_by_is_refused_and_nothing_changes():
    unit = make_unit(name="甲局")
    other = make_unit(region=unit.region, name="乙局")
    UnitAlias.objects.create(region=unit.region, unit=other, alias="丙局", source="manual")
    for name, code in (("乙局", UnitCode.NAME_TAKEN), ("丙局", UnitCode.NAME_IS_ALIAS)):
        with pytest.raises(ValidationError) as refused:
            unit_rename(unit=unit, name=name, short_name="", actor=None)
        assert refused.value.code == code
    unit.refresh_from_db()
    assert unit.name == "甲局" and not unit.aliases.exists()


def test_an_unchanged_name_is_refused():
    unit = make_unit(name="甲局")
    with pytest.raises(ValidationError) as refused:
        unit_rename(unit=unit, name="甲局", short_name="", actor=None)
    assert refused.value.code == UnitCode.UNCHANGED
