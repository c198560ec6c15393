"""The warning rules (预警规则): one function per rule, each taking ``today`` (and optionally the regions to
look at) and returning the warnings that should be open as ``AlertSpec`` values. Pure reads, a few bulk
queries each whatever the number of lines; ``alerts.refresh`` turns them into rows.

What each rule counts (the value its thresholds are read against):

- ``milestone_overdue``: days past an open milestone's due date (``milestone:<id>``) or past the line's
  deadline, else its task's (``deadline:<line id>``) — the dates of ``ledger.rules``' red light;
- ``report_missing``: reporting periods missing in a row, counted back from the most recent period whose
  report is past due (period end + ``TAIZHANG_REPORT_GRACE_DAYS``) to the latest period with a report sent
  (any state but draft; a returned report is ``report_returned``'s). Only periods that ended on or after
  the plan's publication and the line's creation count (``line:<id>``);
- ``report_returned``: times a report not yet accepted has been returned (``report:<id>``);
- ``order_unanswered``: days past a 督办单's deadline with the unit's reply still owed (``order:<reply id>``);
- ``reported_late``: accepted reports saying 未按期完成 in a row, counted back from the latest, for a line
  whose latest accepted report says so — the light's red ``reported_late`` (``line:<id>``);
- ``undecomposed``: days past ``TAIZHANG_LIGHT_DECOMPOSE_DAYS`` after the line began (the plan's publication,
  or the line's creation when later) while it names no 责任人 or has no 进度目标 — the light's yellow
  ``undecomposed``: day 1 is the light's first yellow day (``line:<id>``);
- ``rectification_overdue``: days past an item's deadline while the unit still works on it (待整改, 整改中;
  once it has applied for 销号 the wait is the office's, as for reminders) (``rectification:<id>``).

Ledger rules read lines of published plans only, of active units, not reported complete (the latest
accepted report says 已完成). The first day after a due date is day 1.

Evidence and summaries hold the due date, not the days overdue: they change when the data does, not every
day, so a day's refresh writes only what moved (``alerts.display.days_overdue`` counts the days for people).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from taizhang.alerts.rules.common import Regions, Units
from taizhang.alerts.rules.ledger import milestone_overdue, report_missing, report_returned
from taizhang.alerts.rules.light import reported_late, undecomposed
from taizhang.alerts.rules.supervision import order_unanswered, rectification_overdue
from taizhang.alerts.specs import AlertSpec
from taizhang.reports.periods import last_due_period

__all__ = [
    "RULES",
    "alerts_wanted",
    "last_due_period",
    "milestone_overdue",
    "order_unanswered",
    "rectification_overdue",
    "report_missing",
    "report_returned",
    "reported_late",
    "undecomposed",
]

RULES: dict[str, Callable[..., list[AlertSpec]]] = {
    "milestone_overdue": milestone_overdue,
    "report_missing": report_missing,
    "report_returned": report_returned,
    "reported_late": reported_late,
    "undecomposed": undecomposed,
    "order_unanswered": order_unanswered,
    "rectification_overdue": rectification_overdue,
}


def alerts_wanted(*, today: date, region_ids: Regions = None, unit_ids: Units = None) -> list[AlertSpec]:
    """Every rule's warnings for ``today`` (in ``region_ids`` and below them, of ``unit_ids``, when given):
    each warning is a unit's, measured from that unit's data only."""
    return [
        spec
        for rule in RULES.values()
        for spec in rule(today=today, region_ids=region_ids, unit_ids=unit_ids)
    ]
