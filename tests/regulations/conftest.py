"""A city (甲市) with the office, two units and a person for each role, and a second city (乙市) with its
office: the people the regulation tests act as. Model imports stay inside the fixture (pytest loads this
file before Django is set up when the folder is named on the command line)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile


def pdf(name: str = "text.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 regulation", content_type="application/pdf")


@pytest.fixture
def city(db):
    from taizhang.accounts.models import Role
    from tests.factories import make_region, make_unit, make_user

    region, other = make_region(name="甲市"), make_region(name="乙市")
    office_unit = make_unit(region=region, name="甲市惩防办")
    u1, u2 = make_unit(region=region, name="甲市第一局"), make_unit(region=region, name="甲市第二局")
    ub = make_unit(region=other, name="乙市第一局")
    return SimpleNamespace(
        region=region,
        other=other,
        u1=u1,
        u2=u2,
        ub=ub,
        office=make_user(unit=office_unit, role=Role.OFFICE_ADMIN, region=region),
        leader=make_user(unit=office_unit, role=Role.LEADER, region=region),
        liaison1=make_user(unit=u1, role=Role.LIAISON),
        head1=make_user(unit=u1, role=Role.UNIT_HEAD),
        liaison2=make_user(unit=u2, role=Role.LIAISON),
        office_b=make_user(unit=make_unit(region=other), role=Role.OFFICE_ADMIN, region=other),
    )
