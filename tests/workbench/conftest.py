"""A hand-built week for the 工作台: one city, units A and B, an old and a new quarterly plan, an order, some
rectification items, warnings and a self-assessment; the clock frozen on Monday 10 May 2021 (10:00).

On that day a line owes 2021 Q1 (due 10 April: overdue) when its plan was published in January, and 2021 Q2
(due 10 July) in any case."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from tests.worlds import clock, media_root  # noqa: F401  (fixtures)

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def week(db, clock):  # noqa: F811
    from taizhang.accounts.models import Role
    from taizhang.alerts.models import Required
    from taizhang.assessment.models import AssessedUnit, Assessment, Score
    from taizhang.ledger.models import Assignment
    from taizhang.rectification.models import RectState
    from tests.factories import (
        make_alert,
        make_assignment,
        make_order,
        make_plan,
        make_rectification,
        make_region,
        make_standard_version,
        make_unit,
        make_user,
    )

    region = make_region(name="咸宁市")
    other_region = make_region(name="外市")
    unit_a = make_unit(region=region, name="市发展和改革委员会")
    unit_b = make_unit(region=region, name="市财政局")
    unit_c = make_unit(region=other_region, name="外市财政局")
    old = make_plan(region=region, title="2020年旧方案", tasks_per_section=2)
    new = make_plan(region=region, title="2021年新方案", tasks_per_section=1)
    old.published_at = datetime(2021, 1, 5, 9, tzinfo=SHANGHAI)
    new.published_at = datetime(2021, 4, 20, 9, tzinfo=SHANGHAI)
    for plan in (old, new):
        plan.save(update_fields=["published_at"])
    old_1, old_2 = old.tasks.order_by("order")
    line_a_old = make_assignment(task=old_1, unit=unit_a)
    line_a_old2 = make_assignment(task=old_2, unit=unit_a)
    line_a_new = make_assignment(task=new.tasks.get(), unit=unit_a)
    line_b_new = make_assignment(task=new.tasks.get(), unit=unit_b, role=Assignment.Role.COOPERATING)
    make_assignment(task=old_2, unit=unit_c)  # another city's unit: nobody here sees its work
    Assignment.objects.update(created_at=datetime(2021, 1, 5, 9, tzinfo=SHANGHAI))  # lines made on publishing

    def person(unit, role, region=None):
        return make_user(unit=unit, role=role, region=region)

    office = person(unit_a, Role.OFFICE_ADMIN, region)
    order = make_order(units=[unit_a, unit_b], issuer=office, region=region, deadline=date(2021, 5, 20))
    make_order(units=[unit_c], issuer=office, region=other_region, deadline=date(2021, 5, 1))
    rect_late = make_rectification(unit=unit_a, title="整改：采购台账不全", deadline=date(2021, 5, 1))
    rect_later = make_rectification(unit=unit_a, title="整改：公务接待超标", deadline=date(2021, 6, 30))
    rect_asked = make_rectification(
        unit=unit_b,
        title="整改：三重一大记录缺失",
        deadline=date(2021, 5, 30),
        state=RectState.CLOSEOUT_REQUESTED,
    )
    make_rectification(
        unit=unit_a, title="整改：已销号", deadline=date(2021, 3, 1), state=RectState.CLOSED,
        closed_at=datetime(2021, 3, 1, 9, tzinfo=SHANGHAI), closed_by=office, verification_note="已核查",
    )  # fmt: skip
    alert_red = make_alert(unit=unit_a, level="red", required=Required.EXPLAIN, summary="连续两期未报送进展")
    make_alert(unit=unit_a, level="yellow", required=Required.NONE, summary="仅提示的预警")
    make_alert(unit=unit_b, level="yellow", required=Required.EXPLAIN, summary="财政局的预警")
    version = make_standard_version(region=region, created_by=office)
    assessment = Assessment.objects.create(
        region=region, year=2021, title="2021年度考核", standard_version=version, created_by=office
    )
    manual = version.indicators.get(code="1.2")
    assessed = {u: AssessedUnit.objects.create(assessment=assessment, unit=u) for u in (unit_a, unit_b)}
    for row in assessed.values():
        Score.objects.create(assessed=row, indicator=manual)
    return SimpleNamespace(
        region=region,
        unit_a=unit_a,
        unit_b=unit_b,
        old=old,
        new=new,
        line_a_old=line_a_old,
        line_a_old2=line_a_old2,
        line_a_new=line_a_new,
        line_b_new=line_b_new,
        order=order,
        rect_late=rect_late,
        rect_later=rect_later,
        rect_asked=rect_asked,
        alert_red=alert_red,
        assessment=assessment,
        assessed=assessed,
        office=office,
        liaison_a=person(unit_a, Role.LIAISON),
        head_a=person(unit_a, Role.UNIT_HEAD),
        liaison_b=person(unit_b, Role.LIAISON),
        leader=person(unit_a, Role.LEADER, region),
    )
