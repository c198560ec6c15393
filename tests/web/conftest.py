"""Two units of one city, a published plan with lines for both, and a person for every role.

Model imports stay inside the fixtures: pytest loads this file before Django is set up when the folder is
named on the command line."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

PASSWORD = "台账-test-口令-2021"


@pytest.fixture
def town(db):
    """Units A and B of one city. On a published plan A leads task 1 with B cooperating, and B leads task 2;
    a draft plan gives A a line too. People: a liaison and a head for each unit, the city's office admin,
    leader and inspector, and a user of A without any role. Everyone's password is ``PASSWORD``."""
    from taizhang.accounts.models import Role
    from taizhang.ledger.models import Assignment
    from taizhang.plans.models import Plan
    from tests.factories import make_assignment, make_plan, make_region, make_unit, make_user

    region = make_region(name="咸宁市")
    unit_a = make_unit(region=region, name="市发展和改革委员会", short_name="市发改委")
    unit_b = make_unit(region=region, name="市财政局")
    plan = make_plan(region=region, title="2021—2025年惩治和预防腐败体系建设实施方案", tasks_per_section=3)
    task_1, task_2, _ = plan.tasks.order_by("order")
    draft = make_plan(region=region, title="尚未发布的方案", status=Plan.Status.DRAFT)

    def person(unit=unit_a, role=None, region=None):
        return make_user(unit=unit, role=role, region=region, password=PASSWORD, display_name="张三")

    return SimpleNamespace(
        region=region,
        unit_a=unit_a,
        unit_b=unit_b,
        plan=plan,
        draft=draft,
        line_a1=make_assignment(
            task=task_1, unit=unit_a, responsible_leader="李副主任", responsible_persons=["王五", "赵六"]
        ),
        line_b1=make_assignment(task=task_1, unit=unit_b, role=Assignment.Role.COOPERATING),
        line_b2=make_assignment(task=task_2, unit=unit_b),
        line_a_draft=make_assignment(task=draft.tasks.first(), unit=unit_a),
        liaison_a=person(role=Role.LIAISON),
        head_a=person(role=Role.UNIT_HEAD),
        liaison_b=person(unit=unit_b, role=Role.LIAISON),
        admin=person(role=Role.OFFICE_ADMIN, region=region),
        leader=person(role=Role.LEADER, region=region),
        inspector=person(role=Role.INSPECTOR, region=region),
        nobody=person(),
    )
