"""Plain factory functions for domain objects. Each returns a saved object and makes whatever it needs;
pass an object to reuse it. Users and role grants go through the services, so their rules hold in tests."""

from __future__ import annotations

import itertools
from datetime import date

from django.utils import timezone

from taizhang.accounts.models import Role, User
from taizhang.accounts.services import role_grant, user_create
from taizhang.ledger.models import Assignment, Milestone
from taizhang.plans.models import Plan, Section, Task
from taizhang.reports.models import ProgressReport
from taizhang.units.models import Region, Unit

_seq = itertools.count(1)


def make_region(
    *, name: str | None = None, level: str = Region.Level.CITY, parent: Region | None = None
) -> Region:
    return Region.objects.create(name=name or f"测试市{next(_seq)}", level=level, parent=parent)


def make_unit(
    *,
    region: Region | None = None,
    name: str | None = None,
    short_name: str = "",
    kind: str = Unit.Kind.GOVERNMENT,
) -> Unit:
    n = next(_seq)
    return Unit.objects.create(
        region=region or make_region(), name=name or f"测试局{n}", short_name=short_name, kind=kind, order=n
    )


def make_user(
    *,
    unit: Unit | None = None,
    role: Role | None = None,
    region: Region | None = None,
    username: str | None = None,
    display_name: str = "",
    password: str | None = None,
) -> User:
    """A user of ``unit`` (a new one if omitted). With ``role``, granted over ``region`` when given,
    else over the user's unit."""
    unit = unit or make_unit(region=region)
    user = user_create(
        username=username or f"user{next(_seq)}",
        display_name=display_name or "测试用户",
        unit=unit,
        password=password,
        actor=None,
    )
    if role:
        role_grant(user=user, role=role, unit=None if region else unit, region=region, actor=None)
    return user


def make_plan(
    *,
    region: Region | None = None,
    status: str = Plan.Status.PUBLISHED,
    sections: int = 1,
    tasks_per_section: int = 2,
    **fields,
) -> Plan:
    """A plan with ``sections`` top-level sections of ``tasks_per_section`` tasks each."""
    published = status != Plan.Status.DRAFT
    plan = Plan.objects.create(
        title=fields.pop("title", f"测试方案{next(_seq)}"),
        level=fields.pop("level", Plan.Level.CITY),
        region=region or make_region(),
        period_start=fields.pop("period_start", 2021),
        period_end=fields.pop("period_end", 2025),
        status=status,
        published_at=timezone.now() if published else None,
        **fields,
    )
    order = itertools.count(1)
    numerals = "一二三四五六七八九十"
    for s in range(sections):
        section = Section.objects.create(
            plan=plan, number=numerals[s] if s < 10 else str(s + 1), title=f"第{s + 1}部分", order=next(order)
        )
        for t in range(1, tasks_per_section + 1):
            Task.objects.create(
                plan=plan,
                section=section,
                number=str(t),
                order=next(order),
                key=f"{section.number}/{t}",
                text=f"测试任务{section.number}.{t}",
            )
    return plan


def make_assignment(
    *, task: Task | None = None, unit: Unit | None = None, role: str = Assignment.Role.LEAD, **fields
) -> Assignment:
    """A ledger line; without ``task``, the first task of a new published plan in the unit's region."""
    unit = unit or make_unit()
    task = task or make_plan(region=unit.region).tasks.order_by("order").first()
    return Assignment.objects.create(task=task, unit=unit, role=role, **fields)


def make_report(
    *,
    assignment: Assignment | None = None,
    period_start: date = date(2021, 1, 1),
    period_end: date = date(2021, 3, 31),
    period_label: str = "2021年第一季度",
    **fields,
) -> ProgressReport:
    return ProgressReport.objects.create(
        assignment=assignment or make_assignment(),
        period_start=period_start,
        period_end=period_end,
        period_label=period_label,
        **fields,
    )


def make_milestone(
    *, assignment: Assignment | None = None, title: str = "", due_date: date = date(2021, 6, 30), **fields
) -> Milestone:
    assignment = assignment or make_assignment()
    return Milestone.objects.create(
        assignment=assignment, title=title or f"进度目标{next(_seq)}", due_date=due_date, **fields
    )
