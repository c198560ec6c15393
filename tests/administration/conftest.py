"""A district (甲区, under 甲市) with its system administrator, two registered units and a liaison for one,
and a second city (乙市): the world the onboarding tests import into. Model imports stay inside fixtures."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from openpyxl import Workbook

HEADER = ("单位", "姓名", "账号", "角色", "手机", "邮箱")


def workbook(*rows, header=HEADER, before=(("甲区惩防工作通讯录",), ())) -> io.BytesIO:
    """An 通讯录 as offices make one: a title row and a blank row above the header by default."""
    book = Workbook()
    sheet = book.active
    for line in before:
        sheet.append(list(line))
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


@pytest.fixture
def district(db):
    from taizhang.accounts.models import Role
    from taizhang.units.models import Region
    from tests.factories import make_region, make_unit, make_user

    city = make_region(name="甲市")
    region = make_region(name="甲区", level=Region.Level.DISTRICT, parent=city)
    other = make_region(name="乙市")
    office_unit = make_unit(region=region, name="甲区纪委")
    u1 = make_unit(region=region, name="甲区发展和改革局", short_name="区发改局")
    u2 = make_unit(region=region, name="甲区人民法院")
    return SimpleNamespace(
        city=city,
        region=region,
        other=other,
        office_unit=office_unit,
        u1=u1,
        u2=u2,
        ub=make_unit(region=other, name="乙市财政局"),
        city_unit=make_unit(region=city, name="甲市财政局"),
        admin=make_user(unit=office_unit, role=Role.SYSTEM_ADMIN, region=region, username="sysadmin"),
        office=make_user(unit=office_unit, role=Role.OFFICE_ADMIN, region=region, username="office"),
        liaison1=make_user(unit=u1, role=Role.LIAISON, username="liaison1"),
    )
