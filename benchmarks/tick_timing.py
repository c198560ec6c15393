"""Inside one database (Django set up by ``bench_tick``): migrate, generate the province and its supervision
year, then run ``taizhang tick`` twice while another process saves reports as the busy unit's liaison."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import threading
import time
import traceback
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from benchmarks import province, province_supervision
from benchmarks.server_cpu import server_cpu
from benchmarks.tick_writer import writer
from taizhang.accounts.models import RoleGrant
from taizhang.notifications.models import Notification


def _caller() -> str:
    """The innermost taizhang function that opened the transaction."""
    for frame in reversed(traceback.extract_stack(limit=14)[:-2]):
        if "/taizhang/" in frame.filename and "lib/batches" not in frame.filename:
            return f"{frame.filename.split('/taizhang/')[-1]}:{frame.name}"
    return "?"


class QueryCount:
    """Every query of the thread's connection (``CaptureQueriesContext`` keeps only the last 9,000)."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        self.n += 1
        return execute(sql, params, many, context)


class LongestTransaction:
    """The longest outermost ``transaction.atomic`` block of the thread that enters it (SQLite begins them
    IMMEDIATE: the write lock is held from the first statement to the commit)."""

    def __init__(self) -> None:
        self.longest, self.where, self.cpu = 0.0, "", 0.0  # wall seconds, opener, CPU seconds of that one
        self._thread = threading.get_ident()
        self._started: float | None = None
        self._cpu = 0.0
        self._where = ""
        self._enter, self._exit = transaction.Atomic.__enter__, transaction.Atomic.__exit__

    def __enter__(self):
        me = self

        def enter(atomic):
            if threading.get_ident() == me._thread and not connection.in_atomic_block:
                me._started, me._cpu = time.perf_counter(), time.process_time()
                me._where = _caller()
            return me._enter(atomic)

        def exit_(atomic, *exc):
            try:
                return me._exit(atomic, *exc)
            finally:
                if threading.get_ident() == me._thread and not connection.in_atomic_block and me._started:
                    held = time.perf_counter() - me._started
                    if held > me.longest:
                        me.longest, me.where = held, me._where
                        me.cpu = time.process_time() - me._cpu
                    me._started = None

        transaction.Atomic.__enter__, transaction.Atomic.__exit__ = enter, exit_
        return self

    def __exit__(self, *exc) -> None:
        transaction.Atomic.__enter__, transaction.Atomic.__exit__ = self._enter, self._exit


class StepTimes:
    """Each step, rule and stage of the tick: wall and CPU seconds and queries, summed over its calls (the
    tick reads ``steps.OVERDUE_STEPS`` … at run time, so timed stand-ins are put there for the run)."""

    STAGES = (
        ("taizhang.jobs.management.commands.tick", "notify_many"),
        ("taizhang.jobs.management.commands.tick", "dispatch_pending"),
        ("taizhang.jobs.management.commands.tick", "run_queued"),
    )

    def __init__(self) -> None:
        self.times: dict[str, list[float]] = {}
        self.server: dict[str, float] = {}  # PostgreSQL's own CPU seconds by step (none on SQLite)
        self._saved: list[tuple[object, str, object]] = []

    def _timed(self, function, name: str):
        def timed(*args, **kwargs):
            queries = QueryCount()
            server = server_cpu()
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                with connection.execute_wrapper(queries):
                    return function(*args, **kwargs)
            finally:
                t = self.times.setdefault(name, [0.0, 0.0, 0])
                t[0] += time.perf_counter() - wall
                t[1] += time.process_time() - cpu
                t[2] += queries.n
                if server is not None:
                    self.server[name] = self.server.get(name, 0.0) + server_cpu() - server

        return timed

    def __enter__(self):
        import importlib

        from taizhang.jobs import steps

        for attr in ("OVERDUE_STEPS", "REMINDER_RULES", "CHECKS"):
            original = getattr(steps, attr)
            self._saved.append((steps, attr, original))
            setattr(steps, attr, tuple(self._timed(f, f.__name__) for f in original))
        for module_name, attr in self.STAGES:
            module = importlib.import_module(module_name)
            original = getattr(module, attr)
            self._saved.append((module, attr, original))
            setattr(module, attr, self._timed(original, attr))
        return self

    def __exit__(self, *exc) -> None:
        for module, attr, original in reversed(self._saved):
            setattr(module, attr, original)

    def rows(self) -> list[tuple[str, float, float, int]]:
        return [(name, wall, cpu, n) for name, (wall, cpu, n) in self.times.items()]


def _tick(*, profile: bool) -> None:
    """``taizhang tick``; with ``TAIZHANG_BENCH_PROFILE=1`` under cProfile (CPU time), the costliest calls."""
    if not profile:
        call_command("tick", stdout=io.StringIO(), stderr=io.StringIO())
        return
    import cProfile
    import pstats

    profiler = cProfile.Profile(time.process_time)  # CPU seconds: the machine may be shared
    try:
        profiler.runcall(call_command, "tick", stdout=io.StringIO(), stderr=io.StringIO())
    finally:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


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
    context = multiprocessing.get_context("spawn")
    stop, out = context.Event(), context.Queue()
    lines = ds.api_assignment_ids[:20]
    args = (ds.busy_liaison_id, lines, ds.current_period.start.isoformat(), stop, out)
    connection.close()
    process = context.Process(target=writer, args=args)
    process.start()
    time.sleep(5)  # Django set up, the first saves made
    steps = []
    for name in ("first tick", "steady tick"):
        before = Notification.objects.count()
        queries = QueryCount()
        with connection.execute_wrapper(queries), LongestTransaction() as longest, StepTimes() as parts:
            server = server_cpu()
            started, cpu = time.perf_counter(), time.process_time()
            try:
                _tick(profile=os.environ.get("TAIZHANG_BENCH_PROFILE") == "1")
            except Exception as exc:  # a failed check (no audit chain anchor yet …) still times the rest
                print(f"  {name}: {type(exc).__name__}: {exc}", flush=True)
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            server = None if server is None else server_cpu() - server
        created = Notification.objects.count() - before
        steps.append((name, seconds, queries.n, longest.longest, created, cpu, longest.where, parts.rows()))
        on_server = "" if server is None else f", PostgreSQL server's CPU {server:.2f} s"
        print(
            f"  {name:<12} {seconds:7.2f} s  {queries.n:7,} queries  {created:6,} notifications  "
            f"longest transaction {longest.longest * 1000:.0f} ms ({longest.where}); CPU {cpu:.2f} s"
            f"{on_server}",
            flush=True,
        )
        for part, wall, part_cpu, n in parts.rows():
            on_server = f"  server CPU {parts.server[part]:6.2f} s" if part in parts.server else ""
            line = f"    {part:<28} {wall:7.2f} s  CPU {part_cpu:6.2f} s  {n:7,} queries"
            print(line + on_server, flush=True)
    time.sleep(0.5)
    stop.set()
    saves = out.get(timeout=120)
    process.join()
    print(f"  report saves: {saves}", flush=True)
    results.write_text(
        json.dumps(
            {
                "label": label,
                "steps": steps,
                "writer": saves,
            }
        )
    )
