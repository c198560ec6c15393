"""``taizhang tick`` on a province (``benchmarks.province`` plus a year of 督办, 检查 and 整改), on SQLite
and on PostgreSQL, while a unit's liaison keeps saving reports (issue 12 item 8).

Figures: the first tick (the warning refresh raises the whole province and tells every unit), a steady tick
(nothing new), their queries, the longest transaction the tick held (on SQLite, where transactions begin
IMMEDIATE, the longest hold of the write lock) and the report saves' longest wait and failures.

Wall seconds are what users see; CPU seconds (of the tick's process) tell a busy machine from a slow tick.
Targets: first tick < 20 s, steady tick < 3 s, no report save waiting 1 s or more. Knobs as for the other
suites: ``TAIZHANG_BENCH_SCALE`` (or ``--scale``), ``TAIZHANG_BENCH_DBS``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import databases

TARGETS = {"first tick": 20.0, "steady tick": 3.0}
WAIT_TARGET_S = 1.0


def main() -> None:
    scale = float(os.environ.get("TAIZHANG_BENCH_SCALE") or 1)
    print(f"tick: a province at scale {scale:g}, ticked while a liaison saves reports; figures in s")
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="taizhang-bench-") as tmp:
        for db in databases.chosen():
            result = databases.run_worker("benchmarks.bench_tick", db, (str(scale),), Path(tmp))
            if result:
                results.append(result)
    _summary(results)
    print(f"tick: done in {time.perf_counter() - started:.0f} s")


def _summary(results: list[dict]) -> None:
    if not results:
        print("tick: no database could be benchmarked")
        return
    print("\ntick summary")
    for r in results:
        print(f"  {r['label']}:")
        for name, seconds, queries, longest, created, cpu, where, parts in r["steps"]:
            target = TARGETS.get(name)
            verdict = f", {seconds / target:.2f}× the < {target:.0f} s target" if target else ""
            print(
                f"    {name:<12} {seconds:7.2f} s, CPU {cpu:.2f} s ({queries:,} queries, "
                f"{created:,} notifications; longest transaction {longest * 1000:.0f} ms in {where}{verdict})"
            )
            for part, wall, cpu_s, n in parts:
                print(f"      {part:<28} {wall:7.2f} s, CPU {cpu_s:6.2f} s, {n:7,} queries")
        w = r["writer"]
        print(
            f"    report saves during the ticks: {w['saves']:,}, longest wait {w['max_s'] * 1000:.0f} ms "
            f"({w['max_s'] / WAIT_TARGET_S:.2f}× the < 1 s target), failed {w['failed']}, "
            f"refused {w['refused']}"
        )


if __name__ == "__main__":
    import django

    django.setup()
    from benchmarks import tick_timing

    label, scale, results = sys.argv[1:4]
    tick_timing.run(label=label, scale=float(scale), results=Path(results))
