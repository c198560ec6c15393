"""The traffic light (红黄绿灯) of a ledger line: the one definition, plain functions, the clock passed in as
``today``. ``ledger.lights`` restates it in SQL; ``tests/ledger/test_lights_match_rules.py`` holds them
together line by line.

A line reported complete (the latest accepted report says 已完成) is done, whatever else holds. Otherwise
each rule below that holds gives a reason; the light is the colour of the most serious one:

- 红灯 ``late``: an open date lies before today — a milestone without a done date, or the line's deadline
  (else the task's);
- 红灯 ``reported_late``: the latest accepted report says 未按期完成;
- ``missed``: the most recent reporting periods owed (``reports.periods.periods_owed``: due after
  ``TAIZHANG_REPORT_GRACE_DAYS``) have no report sent — ``TAIZHANG_LIGHT_MISSED_RED`` of them (2) in a row
  红灯, ``TAIZHANG_LIGHT_MISSED_YELLOW`` (1) 黄灯;
- 黄灯 ``undecomposed``: more than ``TAIZHANG_LIGHT_DECOMPOSE_DAYS`` days since the plan's publication (or the
  line's creation, when later), and the line is not decomposed (分解: 责任人 named and a 进度目标 set);
- 黄灯 ``due_soon``: no date is late, and the nearest open date is at most ``TAIZHANG_WARNING_DAYS`` away
  (a date due today is yellow, not yet red).

Green otherwise. The reasons are listed in that order (the most serious first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext as _ngettext

from taizhang.ledger.models import Assignment, Milestone
from taizhang.plans.models import Plan
from taizhang.reports.models import ProgressReport
from taizhang.reports.periods import Period, periods_owed, report_due_date


class Color(models.TextChoices):
    GREEN = "green", "绿灯"
    YELLOW = "yellow", "黄灯"
    RED = "red", "红灯"
    DONE = "done", "已完成"


class Cause(models.TextChoices):
    """Why a line is not green, from the most serious; the first that holds is the light's main reason."""

    LATE = "late", _("逾期")
    REPORTED_LATE = "reported_late", _("报告未按期完成")
    MISSED = "missed", _("未按期报送进展")
    UNDECOMPOSED = "undecomposed", _("未分解")
    DUE_SOON = "due_soon", _("临近时限")


CAUSE_ORDER = tuple(Cause)


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The light's settings: days before a date that turn it yellow, missed periods for yellow and red,
    days after publication allowed for decomposing."""

    warning_days: int = 7
    missed_yellow: int = 1
    missed_red: int = 2
    decompose_days: int = 30

    @classmethod
    def from_settings(cls) -> Thresholds:
        return cls(
            warning_days=settings.TAIZHANG_WARNING_DAYS,
            missed_yellow=settings.TAIZHANG_LIGHT_MISSED_YELLOW,
            missed_red=settings.TAIZHANG_LIGHT_MISSED_RED,
            decompose_days=settings.TAIZHANG_LIGHT_DECOMPOSE_DAYS,
        )


@dataclass(frozen=True, slots=True)
class Reason:
    cause: str  # a Cause value
    color: str  # a Color value
    text: str  # for people, in the active language


@dataclass(frozen=True, slots=True)
class Light:
    """The light a ledger line shows, why (the most serious reason first), and the earliest open date."""

    color: Color
    reasons: tuple[Reason, ...] = ()
    due: date | None = None
    summary: str = ""  # what a green or done line says instead of a reason

    @property
    def cause(self) -> str:
        """The main reason's ``Cause`` value, "" for a green or done line."""
        return self.reasons[0].cause if self.reasons else ""

    @property
    def reason(self) -> str:
        return "；".join(r.text for r in self.reasons) or self.summary


@dataclass(frozen=True, slots=True)
class _OpenDate:
    due: date
    title: str | None  # a milestone's; None for the line's deadline

    def what(self, gettext: Callable[[str], str]) -> str:
        """进度目标“…” or 完成时限, translated when a reason names it (not for every date of every line)."""
        if self.title is None:
            return gettext("完成时限")
        return gettext("进度目标“%(title)s”") % {"title": self.title}


class LightDay:
    """What the lights of many lines on one day share, worked out once rather than once a line (a plan
    ledger page has some 260 lines): the thresholds from the settings, the time zone, each wording
    translated, each plan's periods owed from a day. For one request's table of lines: the language and
    the time zone are the request's, and nothing outlives it."""

    __slots__ = ("_owed", "_texts", "_tz", "thresholds", "today")

    def __init__(self, today: date, thresholds: Thresholds | None = None):
        self.today = today
        self.thresholds = thresholds or Thresholds.from_settings()
        self._tz = timezone.get_current_timezone()
        self._texts: dict[object, str] = {}
        self._owed: dict[tuple[int | None, date], list[Period]] = {}

    def gettext(self, message: str) -> str:
        if (text := self._texts.get(message)) is None:
            text = self._texts[message] = _gettext(message)
        return text

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        key = (singular, plural, n)
        if (text := self._texts.get(key)) is None:
            text = self._texts[key] = _ngettext(singular, plural, n)
        return text

    def local_date(self, moment: datetime) -> date:
        """``timezone.localdate(moment)`` in the time zone read once."""
        return moment.astimezone(self._tz).date()

    def owed(self, plan: Plan, began: date) -> list[Period]:
        """``periods_owed(plan, today=, began=)``, once per plan and day began."""
        key = (plan.pk, began)
        if (owed := self._owed.get(key)) is None:
            owed = self._owed[key] = periods_owed(plan, today=self.today, began=began)
        return owed


def line_deadline(assignment: Assignment) -> date | None:
    """The line's own deadline, else the task's (a line may not be later than its task)."""
    return assignment.deadline or assignment.task.deadline_date


def _open_dates(assignment: Assignment, milestones: Iterable[Milestone]) -> list[_OpenDate]:
    dates = [_OpenDate(m.due_date, m.title) for m in milestones if m.done_date is None]
    deadline = line_deadline(assignment)
    if deadline is not None:
        dates.append(_OpenDate(deadline, None))
    return sorted(dates, key=lambda d: d.due)


def is_overdue(
    assignment: Assignment, milestones: Iterable[Milestone], *, today: date, completed: bool = False
) -> bool:
    """True when a milestone not yet done, or the deadline of a line not yet complete, lies before today."""
    return not completed and any(d.due < today for d in _open_dates(assignment, milestones))


def is_decomposed(assignment: Assignment, milestones: Iterable[Milestone]) -> bool:
    """分解: the line names its 责任人 and has at least one 进度目标 (what the decomposition form asks)."""
    return bool(assignment.responsible_persons) and any(True for _ in milestones)


def is_reported_late(assignment: Assignment) -> bool:
    """红灯 ``reported_late``: the line's latest accepted report says 未按期完成."""
    return assignment.latest_accepted_status == ProgressReport.Status.OVERDUE


def decompose_days_over(began: date, *, today: date, thresholds: Thresholds) -> int:
    """Days past the time allowed for decomposing a line that began on ``began``: 1 on the first day a line
    not decomposed is yellow (``decompose_days`` + 1 days after it began), 0 or less before."""
    return (today - began).days - thresholds.decompose_days


def line_began(assignment: Assignment, plan: Plan, *, day: LightDay | None = None) -> date | None:
    """The day the line started to count: the plan's publication, or the line's creation when later
    (a line added by a re-imported plan); None for a plan never published."""
    if plan.published_at is None:
        return None
    began = max(plan.published_at, assignment.created_at)
    return day.local_date(began) if day is not None else timezone.localdate(began)


def periods_missed(owed: list[Period], last_sent: date | None) -> list[Period]:
    """The owed periods (oldest first) after the latest period with a report sent, the most recent first:
    the run of periods missing in a row. ``last_sent``: the start of the latest period, not later than the
    last one owed, with a report sent (any state but draft); a report for a period not yet due ends no run."""
    return [p for p in owed if last_sent is None or p.start > last_sent][::-1]


def last_sent_start(sent: Iterable[date], owed: list[Period]) -> date | None:
    """``last_sent`` for ``periods_missed``: the latest ``sent`` period start up to the last one owed."""
    if not owed:
        return None
    return max((s for s in sent if s <= owed[-1].start), default=None)


def traffic_light(
    assignment: Assignment,
    milestones: Iterable[Milestone],
    *,
    day: LightDay,
    sent: Iterable[date] = (),
) -> Light:
    """The line's light on ``day.today`` with ``day.thresholds`` (a ``LightDay``, shared by a table's lines).
    ``milestones``: the line's; ``sent``: the period starts of its reports sent (any state but draft). The
    line's task and plan are read from ``assignment``."""
    today, thresholds = day.today, day.thresholds
    gettext, ngettext = day.gettext, day.ngettext  # each wording translated once a day's lights
    if assignment.latest_accepted_status == ProgressReport.Status.DONE:
        return Light(Color.DONE, summary=gettext("已完成"))
    milestones = list(milestones)
    open_dates = _open_dates(assignment, milestones)
    reasons: list[Reason] = []
    overdue = [d for d in open_dates if d.due < today]
    if overdue:
        first = overdue[0]
        values = {"what": first.what(gettext), "n": len(overdue), "days": (today - first.due).days}
        values["due"] = f"{first.due:%Y-%m-%d}"
        if len(overdue) > 1:
            text = gettext("%(what)s等 %(n)d 项已逾期 %(days)d 天（应于 %(due)s 完成）") % values
        else:
            text = gettext("%(what)s已逾期 %(days)d 天（应于 %(due)s 完成）") % values
        reasons.append(Reason(Cause.LATE, Color.RED, text))
    if is_reported_late(assignment):
        reasons.append(Reason(Cause.REPORTED_LATE, Color.RED, gettext("最新通过的进展报告为“未按期完成”")))
    plan = assignment.task.plan
    began = line_began(assignment, plan, day=day)
    if began is not None:
        owed = day.owed(plan, began)
        missed = periods_missed(owed, last_sent_start(sent, owed))
        if missed and len(missed) >= min(thresholds.missed_yellow, thresholds.missed_red):
            color = Color.RED if len(missed) >= thresholds.missed_red else Color.YELLOW
            labels = "、".join(p.label for p in missed[:4]) + ("等" if len(missed) > 4 else "")
            text = ngettext(
                "%(n)d 期未报送进展（%(labels)s，应于 %(due)s 前报送）",
                "连续 %(n)d 期未报送进展（%(labels)s，最早应于 %(due)s 前报送）",
                len(missed),
            ) % {"n": len(missed), "labels": labels, "due": f"{report_due_date(missed[-1]):%Y-%m-%d}"}
            reasons.append(Reason(Cause.MISSED, color, text))
        over = decompose_days_over(began, today=today, thresholds=thresholds)
        if over > 0 and not is_decomposed(assignment, milestones):
            text = gettext("方案发布已 %(days)d 天，尚未分解（明确责任人和进度目标）") % {
                "days": (today - began).days
            }
            reasons.append(Reason(Cause.UNDECOMPOSED, Color.YELLOW, text))
    if open_dates and not overdue:
        nearest = open_dates[0]
        days = (nearest.due - today).days
        if days <= thresholds.warning_days:
            if days == 0:
                text = gettext("%(what)s今天到期") % {"what": nearest.what(gettext)}
            else:
                text = gettext("%(what)s%(days)d 天后到期（%(due)s）") % {
                    "what": nearest.what(gettext),
                    "days": days,
                    "due": f"{nearest.due:%Y-%m-%d}",
                }
            reasons.append(Reason(Cause.DUE_SOON, Color.YELLOW, text))
    due = open_dates[0].due if open_dates else None
    if reasons:
        reasons.sort(key=lambda r: (r.color != Color.RED, CAUSE_ORDER.index(r.cause)))
        return Light(Color(reasons[0].color), tuple(reasons), due)
    if not open_dates:
        return Light(Color.GREEN, (), None, gettext("未设定时限和进度目标"))
    nearest = open_dates[0]
    summary = gettext("按计划推进，最近到期：%(what)s（%(due)s）") % {
        "what": nearest.what(gettext),
        "due": f"{nearest.due:%Y-%m-%d}",
    }
    return Light(Color.GREEN, (), due, summary)
