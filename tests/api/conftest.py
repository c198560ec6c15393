"""Two units of one city with a line each on one published plan, and their people.

Model imports stay inside the fixtures: pytest loads this file before Django is set up when the folder
is named on the command line."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture
def world(db):
    """Units A and B of one city; a published plan whose first task A leads and whose second B leads;
    a report on each line; a liaison and a head for each unit; the city's office admin and inspector; and a
    user of unit A without any role."""
    from taizhang.accounts.models import Role
    from tests.factories import make_assignment, make_plan, make_region, make_report, make_unit, make_user

    region = make_region()
    unit_a, unit_b = make_unit(region=region), make_unit(region=region)
    plan = make_plan(region=region, tasks_per_section=3)
    task_1, task_2, task_3 = plan.tasks.order_by("order")
    line_a = make_assignment(task=task_1, unit=unit_a)
    line_b = make_assignment(task=task_2, unit=unit_b)
    return SimpleNamespace(
        region=region,
        unit_a=unit_a,
        unit_b=unit_b,
        plan=plan,
        tasks=[task_1, task_2, task_3],
        line_a=line_a,
        line_b=line_b,
        report_a=make_report(assignment=line_a),
        report_b=make_report(assignment=line_b),
        liaison_a=make_user(unit=unit_a, role=Role.LIAISON),
        liaison_b=make_user(unit=unit_b, role=Role.LIAISON),
        head_a=make_user(unit=unit_a, role=Role.UNIT_HEAD),
        admin=make_user(role=Role.OFFICE_ADMIN, region=region),
        inspector=make_user(role=Role.INSPECTOR, region=region),
        nobody=make_user(unit=unit_a),
    )
