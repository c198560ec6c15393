import pytest
from django.core.exceptions import ValidationError

from taizhang.audit.models import AuditEvent
from taizhang.units.codes import UnitCode
from taizhang.units.models import Unit
from taizhang.units.services import unit_set_kind
from tests.factories import make_unit

pytestmark = pytest.mark.django_db


def test_the_kinds_the_office_uses_are_offered():
    labels = set(Unit.Kind.labels)
    assert {"党委部门", "政府部门", "乡镇", "街道", "法院检察院", "群团组织", "垂管单位", "企业"} <= labels


def test_setting_the_kind_is_audited():
    unit = make_unit(kind=Unit.Kind.GOVERNMENT)
    unit_set_kind(unit=unit, kind=Unit.Kind.TOWNSHIP, actor=None)
    unit.refresh_from_db()
    assert unit.kind == "township"
    event = AuditEvent.objects.get(action="unit.kind")
    assert (event.before, event.after) == ({"kind": "government"}, {"kind": "township"})


@pytest.mark.parametrize(
    ("kind", "code"), [("nonsense", UnitCode.WRONG_KIND), ("government", UnitCode.UNCHANGED)]
)
def test_an_unknown_or_unchanged_kind_is_refused(kind, code):
    with pytest.raises(ValidationError) as refused:
        unit_set_kind(unit=make_unit(kind=Unit.Kind.GOVERNMENT), kind=kind, actor=None)
    assert refused.value.code == code
