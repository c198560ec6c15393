"""A district with its office, two units and an inspection that found three problems, for the circular tests.
Imported by fixtures, after Django is set up."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from taizhang.accounts.models import Role
from taizhang.inspections.models import Finding, Inspection
from taizhang.units.models import Region
from tests.factories import (
    make_finding,
    make_inspection,
    make_rectification,
    make_region,
    make_unit,
    make_user,
)

PASSWORD = "台账-test-口令-2024"


def build_scene() -> SimpleNamespace:
    region = make_region(name="示范区", level=Region.Level.DISTRICT)
    other_region = make_region(name="乙区", level=Region.Level.DISTRICT)
    office_unit = make_unit(region=region, name="示范区惩防办")
    u1 = make_unit(region=region, name="区财政局")
    u2 = make_unit(region=region, name="区教育局")
    u3 = make_unit(region=region, name="区卫健局")
    other_unit = make_unit(region=other_region, name="乙区财政局")

    def person(unit, role, region=None, email=""):
        user = make_user(unit=unit, role=role, region=region, password=PASSWORD, display_name="张三")
        if email:
            user.email = email
            user.save(update_fields=["email"])
        return user

    office = person(office_unit, Role.OFFICE_ADMIN, region)
    inspection = make_inspection(
        region=region,
        units=[u1, u2, u3],
        kind=Inspection.Kind.OPEN,
        title="2024年第一季度明查暗访",
        created_by=office,
        start_date=date(2024, 2, 26),
        end_date=date(2024, 2, 28),
        lead_leader_name="王书记",
    )
    f1 = make_finding(
        inspection=inspection,
        unit=u1,
        description="“三重一大”事项未集体决策",
        severity=Finding.Severity.SEVERE,
    )
    f2 = make_finding(inspection=inspection, unit=u1, description="公务接待台账不全")
    f3 = make_finding(
        inspection=inspection,
        unit=u2,
        description="廉政风险点排查流于形式",
        severity=Finding.Severity.SERIOUS,
    )
    make_rectification(
        finding=f2, title="补齐接待台账", measures="补齐2023年以来公务接待台账", deadline=date(2024, 4, 30)
    )
    return SimpleNamespace(
        region=region,
        other_region=other_region,
        office_unit=office_unit,
        u1=u1,
        u2=u2,
        u3=u3,
        other_unit=other_unit,
        office=office,
        leader=person(office_unit, Role.LEADER, region),
        liaison_u1=person(u1, Role.LIAISON, email="u1@example.test"),
        head_u1=person(u1, Role.UNIT_HEAD),
        liaison_u2=person(u2, Role.LIAISON),
        liaison_u3=person(u3, Role.LIAISON),
        other_office=person(make_unit(region=other_region), Role.OFFICE_ADMIN, other_region),
        inspection=inspection,
        findings=[f1, f2, f3],
    )
