"""The city the inspection and rectification tests run in, built through the services where there is one.
Imported by conftest fixtures and test modules after Django is set up.

咸宁市 has units A (市发改委) and B (市财政局), and the office's own unit; 乙市 has unit X. A published
plan of 咸宁市 gives A task 1 and B task 2. People: the city's office admin, leader and inspector (region
grants), a liaison and a head for A and for B, a leader granted on unit A only (a unit-side leader, never
on the office side), and 乙市's office admin.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from taizhang.accounts.models import Role
from taizhang.inspections.findings import finding_record
from taizhang.inspections.models import Inspection
from taizhang.inspections.services import (
    inspection_finish,
    inspection_plan,
    inspection_publish,
    inspection_start,
)
from taizhang.rectification.services import rectification_from_finding
from tests.factories import make_assignment, make_plan, make_region, make_regulation, make_unit, make_user

TODAY = date(2021, 5, 10)


def pdf(name: str = "检查记录.pdf", body: bytes = b"%PDF-1.4 record") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def build_city() -> SimpleNamespace:
    region = make_region(name="咸宁市")
    other = make_region(name="乙市")
    office_unit = make_unit(region=region, name="市纪委惩防办")
    a = make_unit(region=region, name="市发展和改革委员会", short_name="市发改委")
    b = make_unit(region=region, name="市财政局")
    x = make_unit(region=other, name="乙市财政局")
    plan = make_plan(region=region, title="惩防体系实施方案")
    task_1, task_2 = plan.tasks.order_by("order")
    make_assignment(task=task_1, unit=a)
    make_assignment(task=task_2, unit=b)

    def person(role, unit=office_unit, region=None, name="张三"):
        return make_user(unit=unit, role=role, region=region, display_name=name)

    return SimpleNamespace(
        region=region,
        other=other,
        a=a,
        b=b,
        x=x,
        plan=plan,
        task_1=task_1,
        task_2=task_2,
        regulation=make_regulation(title="公务接待管理办法", region=region),
        admin=person(Role.OFFICE_ADMIN, region=region, name="惩防办"),
        leader=person(Role.LEADER, region=region, name="李书记"),
        inspector=person(Role.INSPECTOR, region=region, name="督查员"),
        liaison_a=person(Role.LIAISON, unit=a, name="联络员甲"),
        head_a=person(Role.UNIT_HEAD, unit=a, name="负责人甲"),
        liaison_b=person(Role.LIAISON, unit=b, name="联络员乙"),
        head_b=person(Role.UNIT_HEAD, unit=b, name="负责人乙"),
        unit_leader_a=person(Role.LEADER, unit=a, name="单位领导"),
        admin_x=person(Role.OFFICE_ADMIN, unit=make_unit(region=other), region=other, name="乙市惩防办"),
    )


def plan(city, **fields) -> Inspection:
    """An inspection of units A and B planned by the city's office (open unless ``kind``/``covert`` say)."""
    values = {
        "kind": Inspection.Kind.OPEN,
        "title": "2021年制度落实明查",
        "region": city.region,
        "start_date": TODAY,
        "units": [city.a, city.b],
        "tasks": [city.task_1],
        "regulations": [city.regulation],
        "lead_leader_name": "李书记",
    }
    return inspection_plan(actor=city.admin, **(values | fields))


def advance(city, inspection: Inspection, to: str) -> Inspection:
    """Take ``inspection`` through the office's steps until it is in state ``to``."""
    steps = [
        (Inspection.State.PLANNED, inspection_start),
        (Inspection.State.IN_PROGRESS, inspection_finish),
        (Inspection.State.DONE, inspection_publish),
    ]
    for state, step in steps:
        if inspection.state == to:
            break
        if inspection.state != state:
            continue
        inspection = step(actor=city.admin, inspection=inspection, expected_version=inspection.version)
    assert inspection.state == to
    return inspection


def find(city, inspection: Inspection, unit=None, **fields):
    values = {"unit": unit or city.a, "description": "接待台账不完整", "severity": "general"}
    return finding_record(actor=city.admin, inspection=inspection, **(values | fields))


def item_for(city, finding, *, days: int = 30, **fields):
    values = {"measures": "补齐台账", "deadline": TODAY + timedelta(days=days), "title": ""}
    return rectification_from_finding(actor=city.admin, finding=finding, **(values | fields))
