"""Inside one database (Django set up by ``bench_tick``): migrate, generate the province and its supervision
year, then run ``taizhang tick`` twice while a thread saves reports as the busy unit's liaison."""

from __future__ import annotations

import io
import json
import threading
import time
from pathlib import Path

from django.core.management import call_command
from django.db import OperationalError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from benchmarks import province, province_supervision
from taizhang.accounts.models import RoleGrant, User
from taizhang.ledger.models import Assignment
from taizhang.notifications.models import Notification
from taizhang.reports.models import ProgressReport
from taizhang.reports.services import report_save_draft


class LongestTransaction:
    """The longest outermost ``transaction.atomic`` block of the thread that enters it (SQLite begins them
    IMMEDIATE: the write lock is held from the first statement to the commit)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._thread = threading.get_ident()
        self._started: float | None = None
        self._enter, self._exit = transaction.Atomic.__enter__, transaction.Atomic.__exit__

    def __enter__(self):
        me = self

        def enter(atomic):
            if threading.get_ident() == me._thread and not connection.in_atomic_block:
                me._started = time.perf_counter()
            return me._enter(atomic)

        def exit_(atomic, *exc):
            try:
                return me._exit(atomic, *exc)
            finally:
                if threading.get_ident() == me._thread and not connection.in_atomic_block and me._started:
                    me.longest = max(me.longest, time.perf_counter() - me._started)
                    me._started = None

        transaction.Atomic.__enter__, transaction.Atomic.__exit__ = enter, exit_
        return self

    def __exit__(self, *exc) -> None:
        transaction.Atomic.__enter__, transaction.Atomic.__exit__ = self._enter, self._exit


class Writer(threading.Thread):
    """A liaison saving the current report of each of the unit's lines in turn, as fast as the database
    lets; each save's time is a user's wait."""

    def __init__(self, ds: province.Dataset) -> None:
        super().__init__(daemon=True)
        self.ds, self.stop = ds, threading.Event()
        self.saves = self.failed = self.refused = 0
        self.max_s = 0.0

    def run(self) -> None:
        try:
            actor = User.objects.get(pk=self.ds.busy_liaison_id)
            lines = list(
                Assignment.objects.filter(pk__in=self.ds.api_assignment_ids).select_related("task__plan")
            )
            period = self.ds.current_period
            n = 0
            while not self.stop.is_set():
                line = lines[n % len(lines)]
                n += 1
                report = ProgressReport.objects.filter(assignment=line, period_start=period.start).first()
                started = time.perf_counter()
                try:
                    report_save_draft(
                        actor=actor, assignment=line, period=period, status="in_progress",
                        narrative=f"第{n}次保存", expected_version=report.version if report else None,
                    )  # fmt: skip
                except OperationalError:
                    self.failed += 1
                except Exception:
                    self.refused += 1
                else:
                    self.saves += 1
                self.max_s = max(self.max_s, time.perf_counter() - started)
                time.sleep(0.02)
        finally:
            connection.close()


def run(*, label: str, scale: float, results: Path) -> None:
    call_command("migrate", verbosity=0, interactive=False)
    today = timezone.localdate()
    ds = province.generate(scale=scale, today=today)
    admins = {
        g.region_id: g.user_id
        for g in RoleGrant.objects.filter(role="office_admin", region__isnull=False).order_by("id")
    }
    supervision = province_supervision.generate(office_admin_of=admins, today=today)
    print(f"{label}: generated in {ds.seconds:.0f} s; " + ", ".join(f"{k} {v:,}" for k, v in {
        **ds.counts, **supervision}.items()), flush=True)  # fmt: skip
    writer = Writer(ds)
    writer.start()
    time.sleep(0.5)
    steps = []
    for name in ("first tick", "steady tick"):
        before = Notification.objects.count()
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries, LongestTransaction() as longest:
            started = time.perf_counter()
            try:
                call_command("tick", stdout=io.StringIO(), stderr=io.StringIO())
            except Exception as exc:  # a failed check (no audit chain anchor yet …) still times the rest
                print(f"  {name}: {type(exc).__name__}: {exc}", flush=True)
            seconds = time.perf_counter() - started
        created = Notification.objects.count() - before
        steps.append((name, seconds, len(queries), longest.longest, created))
        print(
            f"  {name:<12} {seconds:7.2f} s  {len(queries):7,} queries  {created:6,} notifications  "
            f"longest transaction {longest.longest * 1000:.0f} ms; saves so far {writer.saves}, "
            f"longest wait {writer.max_s * 1000:.0f} ms, failed {writer.failed}",
            flush=True,
        )
    time.sleep(0.5)
    writer.stop.set()
    writer.join()
    results.write_text(
        json.dumps(
            {
                "label": label,
                "steps": steps,
                "writer": {
                    "saves": writer.saves,
                    "max_s": writer.max_s,
                    "failed": writer.failed,
                    "refused": writer.refused,
                },
            }
        )
    )
