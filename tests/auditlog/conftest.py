"""A province with two cities, an audit administrator of the province (a root region) and one of city A,
and people in each. Model imports stay inside the fixture (pytest loads this file before Django is set up)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

PASSWORD = "审计-test-口令-2024"


@pytest.fixture
def land(db):
    from taizhang.accounts.models import Role
    from tests.factories import make_region, make_unit, make_user

    province = make_region(name="山东省", level="province")
    city_a = make_region(name="甲市", parent=province)
    district_a = make_region(name="甲区", parent=city_a, level="district")
    city_b = make_region(name="乙市", parent=province)
    unit_a = make_unit(region=city_a, name="甲市发展和改革委员会", short_name="甲市发改委")
    unit_d = make_unit(region=district_a, name="甲区财政局")
    unit_b = make_unit(region=city_b, name="乙市财政局")
    admin_unit = make_unit(region=province, name="省信息中心")

    def person(unit, role=None, region=None, username=None):
        return make_user(unit=unit, role=role, region=region, username=username, password=PASSWORD)

    return SimpleNamespace(
        province=province,
        city_a=city_a,
        district_a=district_a,
        city_b=city_b,
        unit_a=unit_a,
        unit_d=unit_d,
        unit_b=unit_b,
        auditor_root=person(admin_unit, Role.AUDIT_ADMIN, province, "auditor_root"),
        auditor_a=person(unit_a, Role.AUDIT_ADMIN, city_a, "auditor_a"),
        sysadmin_a=person(unit_a, Role.SYSTEM_ADMIN, city_a, "sysadmin_a"),
        office_a=person(unit_a, Role.OFFICE_ADMIN, city_a, "office_a"),
        clerk_a=person(unit_a, username="clerk_a"),
        clerk_d=person(unit_d, username="clerk_d"),
        clerk_b=person(unit_b, username="clerk_b"),
    )
