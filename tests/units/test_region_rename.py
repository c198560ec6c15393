import pytest
from django.core.exceptions import ValidationError

from taizhang.audit.models import AuditEvent
from taizhang.units.codes import UnitCode
from taizhang.units.models import Region
from taizhang.units.services import region_rename
from tests.factories import make_region

pytestmark = pytest.mark.django_db


def test_renaming_a_region_is_audited():
    region = make_region(name="咸宁地区")
    region_rename(region=region, name="咸宁市", actor=None)
    region.refresh_from_db()
    assert region.name == "咸宁市"
    event = AuditEvent.objects.get(action="region.rename")
    assert (event.before, event.after) == ({"name": "咸宁地区"}, {"name": "咸宁市"})


def test_a_siblings_name_is_refused():
    province = make_region(name="湖北省", level=Region.Level.PROVINCE)
    a = make_region(name="甲市", parent=province)
    make_region(name="乙市", parent=province)
    with pytest.raises(ValidationError) as refused:
        region_rename(region=a, name="乙市", actor=None)
    assert refused.value.code == UnitCode.NAME_TAKEN
