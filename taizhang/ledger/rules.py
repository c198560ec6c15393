"""The ledger's date rules (红黄绿灯): plain functions, the clock passed in as ``today``.

A date is *open* while the work it marks is not done: each milestone without a done date, and the line's
deadline. Overdue means an open date lies before today; yellow means the nearest open date is at most
``warning_days`` away (a date due today is yellow, not yet red). A line reported complete has no open dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import models

from taizhang.ledger.models import Assignment, Milestone


class Color(models.TextChoices):
    GREEN = "green", "绿灯"
    YELLOW = "yellow", "黄灯"
    RED = "red", "红灯"
    DONE = "done", "已完成"


@dataclass(frozen=True, slots=True)
class Light:
    """The light a ledger line shows, why (in Chinese, for people), and the date that decided it."""

    color: Color
    reason: str
    due: date | None = None


@dataclass(frozen=True, slots=True)
class _OpenDate:
    due: date
    what: str  # 进度目标“…” or 完成时限


def line_deadline(assignment: Assignment) -> date | None:
    """The line's own deadline, else the task's (a line may not be later than its task)."""
    return assignment.deadline or assignment.task.deadline_date


def _open_dates(assignment: Assignment, milestones: Iterable[Milestone]) -> list[_OpenDate]:
    dates = [_OpenDate(m.due_date, f"进度目标“{m.title}”") for m in milestones if m.done_date is None]
    deadline = line_deadline(assignment)
    if deadline is not None:
        dates.append(_OpenDate(deadline, "完成时限"))
    return sorted(dates, key=lambda d: d.due)


def is_overdue(
    assignment: Assignment, milestones: Iterable[Milestone], *, today: date, completed: bool = False
) -> bool:
    """True when a milestone not yet done, or the deadline of a line not yet complete, lies before today."""
    return not completed and any(d.due < today for d in _open_dates(assignment, milestones))


def traffic_light(
    assignment: Assignment,
    milestones: Iterable[Milestone],
    *,
    today: date,
    warning_days: int,
    completed: bool = False,
) -> Light:
    """已完成 when the line is reported complete; else 红灯 when overdue, 黄灯 when the nearest open date
    is within ``warning_days`` (inclusive), 绿灯 otherwise.

    ``completed`` is the reports' verdict (the latest accepted report says 已完成: the office accepted it, so
    an unticked milestone no longer counts); the rule does not read reports, so it stays a plain function."""
    if completed:
        return Light(Color.DONE, "已完成")
    open_dates = _open_dates(assignment, milestones)
    if not open_dates:
        return Light(Color.GREEN, "未设定时限和进度目标")
    overdue = [d for d in open_dates if d.due < today]
    if overdue:
        first = overdue[0]
        days = (today - first.due).days
        extra = f"等 {len(overdue)} 项" if len(overdue) > 1 else ""
        return Light(
            Color.RED, f"{first.what}{extra}已逾期 {days} 天（应于 {first.due:%Y-%m-%d} 完成）", first.due
        )
    nearest = open_dates[0]
    days = (nearest.due - today).days
    if days <= warning_days:
        when = "今天到期" if days == 0 else f"{days} 天后到期（{nearest.due:%Y-%m-%d}）"
        return Light(Color.YELLOW, f"{nearest.what}{when}", nearest.due)
    return Light(Color.GREEN, f"按计划推进，最近到期：{nearest.what}（{nearest.due:%Y-%m-%d}）", nearest.due)
