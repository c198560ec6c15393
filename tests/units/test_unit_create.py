import pytest
from django.core.exceptions import ValidationError

from taizhang.audit.models import AuditEvent
from taizhang.units.codes import UnitCode
from taizhang.units.models import Unit, UnitAlias
from taizhang.units.services import unit_create
from tests.factories import make_region, make_unit, make_user

pytestmark = pytest.mark.django_db


def test_a_new_unit_is_audited_with_its_fields():
    region, actor = make_region(), make_user()
    unit = unit_create(
        region=region, name=" 市审计局 ", short_name="审计局", kind=Unit.Kind.GOVERNMENT, order=7, actor=actor
    )
    assert (unit.name, unit.kind, unit.order, unit.active) == ("市审计局", "government", 7, True)
    event = AuditEvent.objects.get(action="unit.create", object_id=str(unit.pk))
    assert event.actor == actor and event.after["name"] == "市审计局"


def test_a_name_already_in_the_region_is_refused():
    unit = make_unit()
    with pytest.raises(ValidationError) as refused:
        unit_create(region=unit.region, name=unit.name, actor=None)
    assert refused.value.code == UnitCode.NAME_TAKEN
    assert Unit.objects.filter(name=unit.name).count() == 1


def test_a_name_that_is_another_units_alias_is_refused():
    unit = make_unit()
    UnitAlias.objects.create(region=unit.region, unit=unit, alias="市发改委", source="manual")
    with pytest.raises(ValidationError) as refused:
        unit_create(region=unit.region, name="市发改委", actor=None)
    assert refused.value.code == UnitCode.NAME_IS_ALIAS


def test_a_blank_name_is_refused():
    with pytest.raises(ValidationError) as refused:
        unit_create(region=make_region(), name="  ", actor=None)
    assert refused.value.code == UnitCode.NAME_REQUIRED
