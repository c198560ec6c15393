import pytest
from django.core.exceptions import ValidationError

from taizhang.audit.models import AuditEvent
from taizhang.ledger.models import Assignment
from taizhang.plans.importing.build import wildcard_units
from taizhang.units.codes import UnitCode
from taizhang.units.matching import match_unit_names
from taizhang.units.models import UnitAlias
from taizhang.units.services import unit_deactivate, unit_reactivate
from tests.factories import make_assignment, make_unit

pytestmark = pytest.mark.django_db


def test_an_inactive_unit_is_not_matched_nor_in_a_wildcard_but_keeps_its_lines():
    line = make_assignment()
    unit = line.unit
    unit_deactivate(unit=unit, actor=None)
    assert match_unit_names(region=unit.region, names=[unit.name])[unit.name].exact is None
    assert unit not in wildcard_units(unit.region)
    assert Assignment.objects.filter(pk=line.pk, unit=unit).exists()
    assert AuditEvent.objects.filter(action="unit.deactivate", object_id=str(unit.pk)).exists()


def test_reactivating_brings_it_back_and_is_audited():
    unit = make_unit()
    unit_deactivate(unit=unit, actor=None)
    unit_reactivate(unit=unit, actor=None)
    assert match_unit_names(region=unit.region, names=[unit.name])[unit.name].exact == unit
    assert AuditEvent.objects.filter(action="unit.reactivate").count() == 1


def test_deactivating_twice_or_reactivating_an_active_unit_is_refused():
    unit = make_unit()
    with pytest.raises(ValidationError) as refused:
        unit_reactivate(unit=unit, actor=None)
    assert refused.value.code == UnitCode.WRONG_STATE
    unit_deactivate(unit=unit, actor=None)
    with pytest.raises(ValidationError):
        unit_deactivate(unit=unit, actor=None)


def test_a_unit_whose_name_is_now_another_units_alias_cannot_come_back():
    unit = make_unit(name="甲局")
    other = make_unit(region=unit.region)
    unit_deactivate(unit=unit, actor=None)
    UnitAlias.objects.create(region=unit.region, unit=other, alias="甲局", source="manual")
    with pytest.raises(ValidationError) as refused:
        unit_reactivate(unit=unit, actor=None)
    assert refused.value.code == UnitCode.NAME_IS_ALIAS
    unit.refresh_from_db()
    assert not unit.active
