"""A city (甲市) with a district below it (甲区) and another city (乙市); a unit in each; the three
administrators of 甲市 (三员) and people of the units. Model imports inside the fixture (see tests/web)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

PASSWORD = "台账-test-口令-2021"


@pytest.fixture
def office(db):
    from taizhang.accounts.models import Role
    from tests.factories import make_region, make_unit, make_user

    city = make_region(name="甲市")
    district = make_region(name="甲区", level="district", parent=city)
    other = make_region(name="乙市")
    office_unit = make_unit(region=city, name="甲市纪委")
    u1 = make_unit(region=city, name="甲市第一局")
    u2 = make_unit(region=district, name="甲区第二局")
    ub = make_unit(region=other, name="乙市第一局")

    def person(unit, role=None, region=None, **kw):
        return make_user(unit=unit, role=role, region=region, password=PASSWORD, **kw)

    return SimpleNamespace(
        city=city,
        district=district,
        other=other,
        office_unit=office_unit,
        u1=u1,
        u2=u2,
        ub=ub,
        sysadmin=person(office_unit, Role.SYSTEM_ADMIN, city, username="sysadmin"),
        secadmin=person(office_unit, Role.SECURITY_ADMIN, city, username="secadmin"),
        auditor=person(office_unit, Role.AUDIT_ADMIN, city, username="auditor"),
        sysadmin_b=person(ub, Role.SYSTEM_ADMIN, other, username="sysadmin_b"),
        liaison_1=person(u1, Role.LIAISON, username="liaison1", display_name="王晓明"),
        clerk_2=person(u2, username="clerk2", display_name="李四"),
        liaison_b=person(ub, Role.LIAISON, username="liaisonb"),
    )
