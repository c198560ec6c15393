"""The report writer of the tick benchmark, in a process of its own (spawned: it sets Django up itself, so
this module imports nothing of Django's at the top)."""

from __future__ import annotations

import time
from datetime import date


def writer(liaison_id: int, line_ids: list[int], period_start: str, stop, results) -> None:
    """A liaison saving the current report of each of the unit's lines in turn, as fast as the database
    lets; each save's time is a user's wait. Its own process, as a web worker is (a thread here would share
    the interpreter, and its garbage, with the tick)."""
    import django

    django.setup()
    from taizhang.accounts.models import User
    from taizhang.ledger.models import Assignment
    from taizhang.reports.models import ProgressReport
    from taizhang.reports.periods import period_for
    from taizhang.reports.services import report_save_draft

    actor = User.objects.get(pk=liaison_id)
    lines = list(Assignment.objects.filter(pk__in=line_ids).select_related("task__plan"))

    def prepared(n: int):
        line = lines[n % len(lines)]
        period = period_for(date.fromisoformat(period_start), line.task.plan.report_cadence)
        report = ProgressReport.objects.filter(assignment=line, period_start=period.start).first()
        return lambda: report_save_draft(
            actor=actor, assignment=line, period=period, status="in_progress",
            narrative=f"第{n}次保存", expected_version=report.version if report else None,
        )  # fmt: skip

    results.put(timed_saves(prepared, stop))


def timed_saves(prepared, stop) -> dict:
    """Saves until ``stop`` is set, 20 ms apart: ``prepared(n)`` reads what the n-th save needs (untimed) and
    gives the save, whose time is a user's wait. Counts the saves, the database's refusals ("database is
    locked": the 503 "busy, retry" a user would see), other errors, and the longest wait."""
    from django.db import DatabaseError

    saves = failed = refused = n = 0
    longest = 0.0
    errors: list[str] = []
    while not stop.is_set():
        n += 1
        save = prepared(n)
        started = time.perf_counter()
        try:
            save()
        except DatabaseError as exc:
            failed += 1
            errors.append(str(exc))
        except Exception as exc:
            refused += 1
            errors.append(f"{type(exc).__name__}: {exc}")
        else:
            saves += 1
        longest = max(longest, time.perf_counter() - started)
        time.sleep(0.02)
    return {"saves": saves, "max_s": longest, "failed": failed, "refused": refused, "errors": errors[:5]}
