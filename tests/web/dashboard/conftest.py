"""A hand-counted ledger for the dashboard, on a frozen day.

Model imports stay inside the fixtures (see tests/web/conftest.py)."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

TODAY = date(2021, 7, 5)  # Q2 2021 is due on 10 July; Q1 closed on 10 April


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime(2021, 7, 5, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    return TODAY


@pytest.fixture
def ledger4(db, today):
    """Four lines of one city's quarterly plan, published in January, two sections of two tasks:

    ========  ======  =======  =========================================  ===========  ======
    line      unit    section  dates and reports                          progress     light
    ========  ======  =======  =========================================  ===========  ======
    done      A       一       Q1 accepted 已完成 (on time); Q2 sent      done         done
    overdue   A       一       deadline 2021-06-30, nothing reported      overdue (5d) red
    started   B       二       Q1 accepted 推进中 (late); milestone 07-09  in progress  yellow
    idle      B       二       nothing; Q2 draft only                     not started  green
    ========  ======  =======  =========================================  ===========  ======

    So: 4 tasks, 4 lines, 25 % complete, 1 overdue; Q1: 1 on time, 1 late, 2 missing (25 % on time);
    Q2 (current): 4 expected, 1 sent."""
    from taizhang.accounts.models import Role
    from taizhang.ledger.models import Assignment
    from taizhang.plans.models import Plan
    from taizhang.reports.models import ProgressReport, ReviewState
    from tests.factories import (
        make_assignment,
        make_milestone,
        make_plan,
        make_region,
        make_report,
        make_unit,
        make_user,
    )

    Status = ProgressReport.Status
    region = make_region(name="示范市")
    unit_a = make_unit(region=region, name="市发展和改革委员会", short_name="市发改委")
    unit_b = make_unit(region=region, name="市财政局")
    plan = make_plan(region=region, title="惩治和预防腐败体系建设实施方案", sections=2, tasks_per_section=2)
    Plan.objects.filter(pk=plan.pk).update(published_at=datetime(2021, 1, 4, tzinfo=ZoneInfo("UTC")))
    plan.refresh_from_db()
    t1, t2, t3, t4 = plan.tasks.order_by("order")
    q1 = {"period_start": date(2021, 1, 1), "period_end": date(2021, 3, 31), "period_label": "2021年第一季度"}
    q2 = {"period_start": date(2021, 4, 1), "period_end": date(2021, 6, 30), "period_label": "2021年第二季度"}

    done = make_assignment(task=t1, unit=unit_a)
    make_report(assignment=done, **q1, status=Status.DONE, review_state=ReviewState.ACCEPTED)
    make_report(assignment=done, **q2, status=Status.DONE, review_state=ReviewState.SUBMITTED)
    overdue = make_assignment(task=t2, unit=unit_a, deadline=date(2021, 6, 30))
    started = make_assignment(task=t3, unit=unit_b, role=Assignment.Role.RESPONSIBLE)
    make_report(
        assignment=started, **q1, status=Status.IN_PROGRESS, review_state=ReviewState.ACCEPTED, late=True
    )
    make_milestone(assignment=started, title="制定实施办法", due_date=date(2021, 7, 9))
    idle = make_assignment(task=t4, unit=unit_b)
    make_report(assignment=idle, **q2, status=Status.IN_PROGRESS, review_state=ReviewState.DRAFT)

    return SimpleNamespace(
        region=region,
        unit_a=unit_a,
        unit_b=unit_b,
        plan=plan,
        done=done,
        overdue=overdue,
        started=started,
        idle=idle,
        leader=make_user(unit=unit_a, role=Role.LEADER, region=region),
        admin=make_user(unit=unit_a, role=Role.OFFICE_ADMIN, region=region),
        liaison_a=make_user(unit=unit_a, role=Role.LIAISON),
        head_b=make_user(unit=unit_b, role=Role.UNIT_HEAD),
    )
