"""上下贯通 at a province's scale: the 地区汇总 (roll-up) and an upper plan's 落实情况 (coverage) pages, on
SQLite and on PostgreSQL.

Target (issue 15 item 3): p95 under 300 ms at province scale (25 regions, 150 plans), and a query count
that does not grow with the number of regions. Each database runs in its own subprocess, as in the ledger
suite (``benchmarks.databases``); ``benchmarks.cascade_timing`` builds the province and times the pages.
Knobs as for the ledger suite: ``TAIZHANG_BENCH_SCALE`` (or ``--scale``), ``TAIZHANG_BENCH_REQUESTS`` (30),
``TAIZHANG_BENCH_DBS``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import databases
from benchmarks.bench_ledger import _summary


def main() -> None:
    scale = float(os.environ.get("TAIZHANG_BENCH_SCALE") or 1)
    requests = int(os.environ.get("TAIZHANG_BENCH_REQUESTS") or 30)
    print(f"cascade: a province at scale {scale:g} ({max(2, round(150 * scale))} plans), {requests} timed "
          "requests per page after 2 warm-ups; figures in ms, target p95 < 300 ms")  # fmt: skip
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="taizhang-bench-") as tmp:
        for db in databases.chosen():
            result = databases.run_worker(
                "benchmarks.bench_cascade", db, (str(scale), str(requests)), Path(tmp)
            )
            if result:
                results.append(result)
    _summary(results)
    for r in results:
        for f in r["figures"]:
            if f["state"] == "ok":
                print(
                    f"  {r['label']}: {f['name']} p95 {f['p95_ms']:.1f} ms = "
                    f"{f['p95_ms'] / f['target_ms']:.2f} × the target"
                )
    print(f"cascade: done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    import django

    django.setup()
    from benchmarks import cascade_timing

    label, scale, requests, results = sys.argv[1:5]
    cascade_timing.run(label=label, scale=float(scale), requests=int(requests), results=Path(results))
