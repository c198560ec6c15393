import pytest
from django.core.exceptions import ValidationError

from taizhang.audit.models import AuditEvent
from taizhang.units.codes import UnitCode
from taizhang.units.models import UnitAlias
from taizhang.units.services import unit_alias_add, unit_alias_remove, unit_deactivate
from tests.factories import make_unit, make_user

pytestmark = pytest.mark.django_db
MANUAL = UnitAlias.Source.MANUAL


def test_an_alias_added_by_hand_is_confirmed_and_audited():
    unit, actor = make_unit(), make_user()
    alias = unit_alias_add(unit=unit, alias=" 区法院 ", source=MANUAL, actor=actor)
    assert (alias.alias, alias.confirmed_by, alias.region_id) == ("区法院", actor, unit.region_id)
    assert AuditEvent.objects.filter(action="unit_alias.add", object_id=str(alias.pk)).exists()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", UnitCode.ALIAS_REQUIRED),
        ("甲局", UnitCode.ALIAS_IS_NAME),  # the unit's own name
        ("乙局", UnitCode.ALIAS_IS_NAME),  # another unit's name
        ("乙", UnitCode.ALIAS_IS_NAME),  # another unit's short name
        ("已有", UnitCode.ALIAS_TAKEN),  # already an alias in the region
    ],
)
def test_a_blank_duplicate_or_name_alias_is_refused(text, code):
    unit = make_unit(name="甲局")
    other = make_unit(region=unit.region, name="乙局", short_name="乙")
    UnitAlias.objects.create(region=unit.region, unit=other, alias="已有", source=MANUAL)
    with pytest.raises(ValidationError) as refused:
        unit_alias_add(unit=unit, alias=text, source=MANUAL, actor=make_user())
    assert refused.value.code == code
    assert not unit.aliases.exists()


def test_an_inactive_units_name_may_become_an_alias():
    unit = make_unit(name="甲局")
    gone = make_unit(region=unit.region, name="旧局")
    unit_deactivate(unit=gone, actor=None)
    assert unit_alias_add(unit=unit, alias="旧局", source=MANUAL, actor=make_user()).unit == unit


def test_removing_an_alias_is_audited_with_what_it_was():
    unit = make_unit()
    alias = unit_alias_add(unit=unit, alias="某局", source=MANUAL, actor=make_user())
    unit_alias_remove(unit=unit, alias=alias, actor=None)
    assert not unit.aliases.exists()
    assert AuditEvent.objects.get(action="unit_alias.remove").before["alias"] == "某局"


def test_an_alias_of_another_unit_is_not_removed_through_this_one():
    unit, other = make_unit(), make_unit()
    alias = unit_alias_add(unit=other, alias="某局", source=MANUAL, actor=make_user())
    with pytest.raises(ValidationError) as refused:
        unit_alias_remove(unit=unit, alias=alias, actor=None)
    assert refused.value.code == UnitCode.ALIAS_NOT_OF_UNIT
    assert other.aliases.exists()
