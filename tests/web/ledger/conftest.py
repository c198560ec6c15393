"""The ledger pages on the town of tests/web/conftest.py, with the clock frozen on 5 July 2021 and a ledger
that has something in every column.

Model imports stay inside the fixtures: pytest loads this file before Django is set up when the folder is
named on the command line."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

TODAY = date(2021, 7, 5)


@pytest.fixture
def today(time_machine):
    time_machine.move_to(datetime(2021, 7, 5, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    return TODAY


@pytest.fixture
def ledger(today, town):
    """The town's plan filled in. Task 1 (section 一): A leads, overdue (deadline 30 June), with an accepted
    report; B cooperates, with a submitted report and a draft after it. Task 2: B leads, nothing reported.
    Task 3: no line. Task 4 (section 二, under a sub-heading): C leads, due in 3 days, with a regulation.
    C is a third unit of the city with its own liaison."""
    from taizhang.accounts.models import Role
    from taizhang.ledger.models import Milestone
    from taizhang.plans.models import Section, Task, TaskRegulation
    from taizhang.reports.models import ProgressReport, ReviewState
    from tests.factories import make_assignment, make_report, make_unit, make_user
    from tests.web.conftest import PASSWORD

    plan = town.plan
    section_2 = Section.objects.create(plan=plan, number="二", title="强化监督制约", order=50)
    sub = Section.objects.create(plan=plan, parent=section_2, number="一", title="加强财政监督", order=51)
    task_4 = Task.objects.create(
        plan=plan,
        section=sub,
        number="1",
        order=52,
        key="二/一/1",
        text="健全财政资金监管制度，推行公务卡结算。",
    )
    TaskRegulation.objects.create(task=task_4, title="公务卡管理办法", action=TaskRegulation.Action.CREATE)
    unit_c = make_unit(region=town.region, name="市审计局")
    line_c4 = make_assignment(task=task_4, unit=unit_c, deadline=date(2021, 7, 8))

    line_a1, line_b1 = town.line_a1, town.line_b1
    line_a1.deadline = date(2021, 6, 30)
    line_a1.duty_requirements = "牵头制定实施方案"
    line_a1.save()
    Milestone.objects.create(
        assignment=line_a1, title="制定实施方案", due_date=date(2021, 5, 31), done_date=date(2021, 5, 20)
    )
    make_report(
        assignment=line_a1,
        status=ProgressReport.Status.IN_PROGRESS,
        review_state=ReviewState.ACCEPTED,
        narrative="已制定实施方案并召开动员会。",
    )
    make_report(
        assignment=line_b1,
        status=ProgressReport.Status.IN_PROGRESS,
        review_state=ReviewState.SUBMITTED,
        narrative="财政局已拨付专项经费。",
    )
    make_report(
        assignment=line_b1,
        period_start=date(2021, 4, 1),
        period_end=date(2021, 6, 30),
        period_label="2021年第二季度",
        narrative="尚未报送的草稿。",
    )
    return SimpleNamespace(
        town=town,
        plan=plan,
        section_1=town.line_a1.task.section,
        section_2=section_2,
        task_1=line_a1.task,
        task_2=town.line_b2.task,
        task_4=task_4,
        unit_c=unit_c,
        line_c4=line_c4,
        liaison_c=make_user(unit=unit_c, role=Role.LIAISON, password=PASSWORD),
    )
