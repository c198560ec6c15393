"""A city with two units and a person for every role, the clock frozen on 20 June 2021, and an order
issued to both units, due on 30 June.

Model imports stay inside the fixtures: pytest loads this file before Django is set up when the folder is
named on the command line."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from tests.worlds import frozen_clock

TODAY = date(2021, 6, 20)
DEADLINE = date(2021, 6, 30)


@pytest.fixture
def clock(time_machine):
    """Call with a date to move the frozen clock there, at 10:00 in Shanghai."""
    return frozen_clock(time_machine, TODAY)


@pytest.fixture
def city(db, clock):
    from taizhang.accounts.models import Role
    from tests.factories import make_region, make_unit, make_user

    region = make_region(name="咸宁市")
    other_region = make_region(name="黄石市")
    office_unit = make_unit(region=region, name="市惩防办")
    u1 = make_unit(region=region, name="市发展和改革委员会", short_name="市发改委")
    u2 = make_unit(region=region, name="市财政局")
    far = make_unit(region=other_region, name="黄石市财政局")
    return SimpleNamespace(
        region=region,
        other_region=other_region,
        u1=u1,
        u2=u2,
        far=far,
        office=make_user(unit=office_unit, role=Role.OFFICE_ADMIN, region=region, display_name="惩防办"),
        leader=make_user(unit=office_unit, role=Role.LEADER, region=region),
        inspector=make_user(unit=office_unit, role=Role.INSPECTOR, region=region),
        liaison1=make_user(unit=u1, role=Role.LIAISON, display_name="联络员甲"),
        head1=make_user(unit=u1, role=Role.UNIT_HEAD, display_name="负责人甲"),
        liaison2=make_user(unit=u2, role=Role.LIAISON, display_name="联络员乙"),
        head2=make_user(unit=u2, role=Role.UNIT_HEAD),
        far_office=make_user(unit=far, role=Role.OFFICE_ADMIN, region=other_region),
    )


@pytest.fixture
def order(city):
    """Issued by the office to U1 and U2, due 30 June 2021."""
    from tests.factories import make_order

    return make_order(
        units=[city.u1, city.u2], issuer=city.office, deadline=DEADLINE, title="关于落实公务接待制度的督办单"
    )


@pytest.fixture
def r1(order, city):
    return order.recipients.get(unit=city.u1)


@pytest.fixture
def r2(order, city):
    return order.recipients.get(unit=city.u2)


@pytest.fixture
def lines(city):
    """A published plan of the city whose lines sit in every bucket on 20 June 2021:

    done_u1      U1 · task 1  accepted 已完成 (Q2), after an accepted Q1 in progress     → 看效果
    ongoing_u2   U2 · task 1  accepted 长期坚持                                         → 看效果
    progress_u1  U1 · task 2  accepted 推进中, one milestone done, one due 31 July        → 查进度
    idle_u1      U1 · task 3  nothing reported, due at the end of the year              → 问原因 (未启动)
    late_u2      U2 · task 4  accepted 推进中, deadline 31 May passed                     → 问原因 (逾期)
    late_ongoing U2 · task 5  accepted 长期坚持 but a milestone of 15 June not done      → 问原因 (逾期)
    draft_u1     U1 · task 6  a report saying 已完成 sent but not accepted, no deadline   → 问原因 (未启动)

    and a line of the other city, which no page of this city shows."""
    from tests.factories import make_assignment, make_evidence, make_milestone, make_plan, make_report

    plan = make_plan(region=city.region, title="2021—2025年实施方案", tasks_per_section=6)
    t = list(plan.tasks.order_by("order"))
    q1 = {"period_start": date(2021, 1, 1), "period_end": date(2021, 3, 31), "period_label": "2021年第一季度"}
    q2 = {"period_start": date(2021, 4, 1), "period_end": date(2021, 6, 30), "period_label": "2021年第二季度"}

    def accepted(line, status, period=q1, narrative="按计划推进。", files=0):
        report = make_report(
            assignment=line, status=status, review_state="accepted", narrative=narrative, **period
        )
        for _ in range(files):
            make_evidence(report=report)
        line.refresh_from_db()
        return report

    done_u1 = make_assignment(task=t[0], unit=city.u1, deadline=date(2021, 12, 31))
    accepted(done_u1, "in_progress", files=1)
    accepted(done_u1, "done", q2, narrative="制度已出台并印发执行。", files=2)
    draft_u1 = make_assignment(task=t[5], unit=city.u1)
    make_evidence(report=make_report(assignment=draft_u1, status="done", review_state="submitted"))
    ongoing_u2 = make_assignment(task=t[0], unit=city.u2, role="cooperating")
    accepted(ongoing_u2, "ongoing")
    progress_u1 = make_assignment(task=t[1], unit=city.u1, deadline=date(2021, 12, 31))
    accepted(progress_u1, "in_progress")
    make_milestone(
        assignment=progress_u1, title="起草", due_date=date(2021, 5, 31), done_date=date(2021, 5, 20)
    )
    make_milestone(assignment=progress_u1, title="印发", due_date=date(2021, 7, 31))
    idle_u1 = make_assignment(task=t[2], unit=city.u1, deadline=date(2021, 12, 31))
    late_u2 = make_assignment(task=t[3], unit=city.u2, deadline=date(2021, 5, 31))
    accepted(late_u2, "in_progress")
    late_ongoing = make_assignment(task=t[4], unit=city.u2, deadline=date(2021, 12, 31))
    accepted(late_ongoing, "ongoing")
    make_milestone(assignment=late_ongoing, title="调研", due_date=date(2021, 6, 15))
    far_plan = make_plan(region=city.other_region)
    make_assignment(task=far_plan.tasks.first(), unit=city.far)
    return SimpleNamespace(
        plan=plan,
        done_u1=done_u1,
        ongoing_u2=ongoing_u2,
        progress_u1=progress_u1,
        idle_u1=idle_u1,
        late_u2=late_u2,
        late_ongoing=late_ongoing,
        draft_u1=draft_u1,
    )
