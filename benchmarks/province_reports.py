"""Three years of monthly progress reports (进展报送) for the generated province, as plain rows.

At scale 1 that is about 3.5 million reports. ``bulk_create`` prepares every value of every row in Python
(about 50 µs a report here, ten times the insert itself), which would take four minutes per database, so
the reports and their review steps are tuples already in the database's form (dates adapted once per
period by the backend's own ``connection.ops``), written with ``executemany`` on SQLite and ``COPY`` on
PostgreSQL. Everything else the generator writes goes through ``bulk_create``.
"""

from __future__ import annotations

import itertools
import random
from bisect import bisect
from collections.abc import Sequence
from datetime import datetime, timedelta
from datetime import time as clock

from django.db import connection, models
from django.utils import timezone

from taizhang.ledger.models import Assignment
from taizhang.reports.models import ProgressReport, ReportStep, ReviewState
from taizhang.reports.periods import Period

STEP_MONTHS = 3  # review steps are kept for the last three months' reports only

_S, _R = ProgressReport.Status, ReviewState
# Where reports stand, by age in months (1 = last month): (state, weight).
_STATES_BY_AGE = {
    1: ((_R.DRAFT, 25), (_R.SUBMITTED, 35), (_R.APPROVED, 25), (_R.RETURNED, 5), (_R.ACCEPTED, 10)),
    2: ((_R.DRAFT, 5), (_R.SUBMITTED, 15), (_R.APPROVED, 25), (_R.RETURNED, 5), (_R.ACCEPTED, 50)),
    3: ((_R.SUBMITTED, 4), (_R.APPROVED, 8), (_R.RETURNED, 3), (_R.ACCEPTED, 85)),
}
_OLD_STATES = ((_R.APPROVED, 15), (_R.RETURNED, 15), (_R.ACCEPTED, 970))
# The steps that brought a report to its state; its version counts its saves (created = 1).
_PATHS = {
    _R.DRAFT: (),
    _R.SUBMITTED: ((_R.DRAFT, _R.SUBMITTED),),
    _R.APPROVED: ((_R.DRAFT, _R.SUBMITTED), (_R.SUBMITTED, _R.APPROVED)),
    _R.ACCEPTED: ((_R.DRAFT, _R.SUBMITTED), (_R.SUBMITTED, _R.APPROVED), (_R.APPROVED, _R.ACCEPTED)),
    _R.RETURNED: ((_R.DRAFT, _R.SUBMITTED), (_R.SUBMITTED, _R.RETURNED)),
}
_RETURN_REASONS = ("请补充佐证材料。", "进展情况过于简略，请具体说明。", "与上月内容重复，请更新。")
_LONG_TERM = ("长期坚持", "每年12月底前")

REPORT_FIELDS = (
    "id", "assignment", "period_start", "period_end", "period_label", "status", "narrative",
    "review_state", "late", "version", "created_at", "updated_at",
)  # fmt: skip
STEP_FIELDS = ("id", "report", "from_state", "to_state", "actor", "at", "reason")


class ReportRows:
    """Rows for the reports of ledger lines, one per line and month, and the review steps of recent ones.

    A line starts in one of its first months, may be finished later (已完成 from then on), is 长期坚持 when
    its task has no end, and 未按期完成 once its deadline has passed unfinished. The review state depends on
    the report's age: months ago are accepted, last month's are still being written, sent and reviewed."""

    def __init__(self, *, rng: random.Random, months: Sequence[Period], narratives: Sequence[str]):
        self.rng, self.narratives = rng, narratives
        ops = connection.ops
        self.periods = []
        for i, p in enumerate(months):
            written = timezone.make_aware(datetime.combine(p.end + timedelta(days=5), clock(10)))
            age = len(months) - i
            states = _cumulative(_STATES_BY_AGE.get(age, _OLD_STATES))
            dates = (ops.adapt_datefield_value(p.start), ops.adapt_datefield_value(p.end))
            self.periods.append((p, age, states, *dates, ops.adapt_datetimefield_value(written)))
        self.report_ids, self.step_ids = itertools.count(1), itertools.count(1)

    def for_lines(
        self, lines: Sequence[Assignment], *, users: dict[int, tuple[int, int]], office_admin: int
    ) -> tuple[list[tuple], list[tuple]]:
        rng, narratives = self.rng, self.narratives
        reports: list[tuple] = []
        steps: list[tuple] = []
        for line in lines:
            liaison, head = users[line.unit_id]
            actor = {_R.SUBMITTED: liaison, _R.APPROVED: head, _R.RETURNED: head, _R.ACCEPTED: office_admin}
            long_term = line.task.deadline_text in _LONG_TERM
            begins = rng.randint(0, 5)
            done = None if long_term or rng.random() < 0.55 else rng.randint(6, 48)
            deadline = line.deadline or line.task.deadline_date
            for i, (period, age, (states, cum), start, end, written) in enumerate(self.periods):
                if age == 1 and rng.random() < 0.08:
                    continue  # not written yet
                if i < begins:
                    status = _S.NOT_STARTED
                elif done is not None and i >= done:
                    status = _S.DONE
                elif long_term:
                    status = _S.ONGOING
                elif deadline is not None and deadline < period.end:
                    status = _S.OVERDUE
                else:
                    status = _S.IN_PROGRESS
                state = states[bisect(cum, rng.random())]
                path = _PATHS[state]
                report_id = next(self.report_ids)
                late = bool(path) and rng.random() < 0.05
                reports.append(
                    (report_id, line.id, start, end, period.label, status.value, rng.choice(narratives),
                     state.value, late, 1 + len(path), written, written)
                )  # fmt: skip
                if age <= STEP_MONTHS:
                    for a, b in path:
                        reason = rng.choice(_RETURN_REASONS) if b == _R.RETURNED else ""
                        steps.append(
                            (next(self.step_ids), report_id, a.value, b.value, actor[b], written, reason)
                        )
        return reports, steps

    def write(self, reports: list[tuple], steps: list[tuple]) -> None:
        insert_rows(ProgressReport, REPORT_FIELDS, reports)
        insert_rows(ReportStep, STEP_FIELDS, steps)


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: list[tuple]) -> None:
    """Insert ``rows`` (values in the database's form, in the order of ``fields``) into ``model``'s table."""
    if not rows:
        return
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    columns = ", ".join(qn(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _cumulative(table: tuple[tuple[str, int], ...]) -> tuple[list[str], list[float]]:
    total = sum(w for _, w in table)
    cum = list(itertools.accumulate(w / total for _, w in table))
    cum[-1] = 1.0  # no rounding gap at the top
    return [s for s, _ in table], cum
