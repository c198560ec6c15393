"""One small world for the instruction tests: region 甲 with units U1 and U2 on a task, a leader, an office
admin, each unit's liaison and head; region 乙 with its own leader and unit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest


@dataclass
class Place:
    task: Any
    u1: Any
    u2: Any
    ub: Any
    leader: Any
    office: Any
    liaison1: Any
    head1: Any
    liaison2: Any
    leader_b: Any


@pytest.fixture
def place(db) -> Place:
    from taizhang.accounts.models import Role
    from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user

    region, region_b = make_region(name="甲市"), make_region(name="乙市")
    u1, u2, ub = make_unit(region=region), make_unit(region=region), make_unit(region=region_b)
    task = make_plan(region=region).tasks.order_by("order").first()
    make_assignment(task=task, unit=u1)
    make_assignment(task=task, unit=u2)
    return Place(
        task=task,
        u1=u1,
        u2=u2,
        ub=ub,
        leader=make_user(role=Role.LEADER, region=region, display_name="王书记"),
        office=make_user(role=Role.OFFICE_ADMIN, region=region),
        liaison1=make_user(unit=u1, role=Role.LIAISON),
        head1=make_user(unit=u1, role=Role.UNIT_HEAD),
        liaison2=make_user(unit=u2, role=Role.LIAISON),
        leader_b=make_user(role=Role.LEADER, region=region_b),
    )
