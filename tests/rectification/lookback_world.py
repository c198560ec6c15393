"""The world of the 回头看 tests on 10 May 2021: region A's office, U1 and U2 with items closed at various
dates (one in another region, one still open) and lines completed at various dates (one unfinished)."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from taizhang.accounts.models import Role, User
from taizhang.ledger.models import Assignment
from taizhang.rectification.models import RectificationItem, RectState
from taizhang.reports.models import ReviewState
from taizhang.units.models import Region, Unit
from tests.factories import (
    make_assignment,
    make_plan,
    make_rectification,
    make_region,
    make_report,
    make_unit,
    make_user,
)

TZ = ZoneInfo("Asia/Shanghai")
WINDOW_END = date(2020, 5, 10)


@dataclass
class World:
    region: Region
    office: User
    other_office: User
    u1: Unit
    u2: Unit
    liaison1: User
    liaison2: User
    items: dict[str, RectificationItem]
    lines: dict[str, Assignment]


def _closed(unit, office, on: date) -> RectificationItem:
    at = datetime(on.year, on.month, on.day, 10, tzinfo=TZ)
    return make_rectification(unit=unit, state=RectState.CLOSED, closed_at=at, closed_by=office)


def _completed(task, unit, period_end: date, status="done") -> Assignment:
    line = make_assignment(task=task, unit=unit)
    start = date(period_end.year, period_end.month - 2, 1)
    make_report(
        assignment=line, period_start=start, period_end=period_end, period_label="季度",
        status=status, review_state=ReviewState.ACCEPTED,
    )  # fmt: skip
    return line


def build_world() -> World:
    region, other = make_region(), make_region()
    office_unit = make_unit(region=region)
    u1, u2, ux = make_unit(region=region), make_unit(region=region), make_unit(region=other)
    office = make_user(unit=office_unit, role=Role.OFFICE_ADMIN, region=region)
    t1, t2, t3 = make_plan(region=region, tasks_per_section=3).tasks.order_by("order")[:3]
    items = {
        "old": _closed(u1, office, date(2019, 12, 1)),
        "spring": _closed(u2, office, date(2020, 3, 1)),
        "recent": _closed(u1, office, date(2020, 12, 1)),  # closed less than a year ago
        "elsewhere": _closed(ux, office, date(2019, 12, 1)),  # another region
        "open": make_rectification(unit=u1),
    }
    lines = {
        "done": _completed(t1, u1, date(2020, 3, 31)),
        "ongoing": _completed(t2, u2, date(2019, 12, 31), status="ongoing"),
        "recent": _completed(t3, u1, date(2021, 3, 31)),
        "unfinished": _completed(t2, u1, date(2020, 3, 31), status="in_progress"),
    }
    return World(
        region=region, office=office, other_office=make_user(role=Role.OFFICE_ADMIN, region=other),
        u1=u1, u2=u2, liaison1=make_user(unit=u1, role=Role.LIAISON),
        liaison2=make_user(unit=u2, role=Role.LIAISON), items=items, lines=lines,
    )  # fmt: skip
