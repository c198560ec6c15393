"""The audit log page (审计日志) over millions of entries, on SQLite and on PostgreSQL.

Target (issue 10): p95 < 150 ms for the first page, a deep page (keyset) and the main filters over 5 M
entries. Each database runs in its own subprocess (``benchmarks.databases``): it migrates, generates the
entries in SQL (``benchmarks.auditlog_timing``: no Python loop over millions of rows), builds the indexes
after the load, and times the page as the audit administrator of the root region, and of one city. Each
figure is printed with its ratio to a floor: the bare indexed SELECT of 51 rows the page itself runs.

Knobs: ``TAIZHANG_BENCH_AUDIT_ROWS`` (5,000,000), ``--scale`` (or ``TAIZHANG_BENCH_SCALE``) multiplies it for
a quick run, ``TAIZHANG_BENCH_REQUESTS`` (30) and ``TAIZHANG_BENCH_DBS`` as for the other suites."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import databases

TARGET_MS = 150.0


def main() -> None:
    rows = int(
        int(os.environ.get("TAIZHANG_BENCH_AUDIT_ROWS") or 5_000_000)
        * float(os.environ.get("TAIZHANG_BENCH_SCALE") or 1)
    )
    requests = int(os.environ.get("TAIZHANG_BENCH_REQUESTS") or 30)
    print(
        f"auditlog: the audit log page over {rows:,} entries, {requests} timed requests per case; "
        "figures in ms"
    )
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="taizhang-bench-") as tmp:
        for db in databases.chosen():
            result = databases.run_worker(
                "benchmarks.bench_auditlog", db, (str(rows), str(requests)), Path(tmp)
            )
            if result:
                results.append(result)
    for result in results:
        print(
            f"\nauditlog summary, {result['label']} ({result['rows']:,} entries): median / p95, × floor p95"
        )
        print(f"  floor (bare SELECT of 51 rows by (at, id)): {result['floor_p95_ms']:.2f} ms p95")
        for f in result["figures"]:
            verdict = "ok" if f["p95_ms"] < TARGET_MS else "OVER"
            print(
                f"  {f['name']:<34}{f['median_ms']:>8.1f} /{f['p95_ms']:>7.1f}   ×{f['ratio']:>6.1f}   "
                f"< {TARGET_MS:.0f} {verdict}   {f['queries']} queries, {f['rows']} rows shown"
            )
    print(f"auditlog: done in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    import django

    django.setup()
    from benchmarks import auditlog_timing

    label, rows, requests, results = sys.argv[1:5]
    auditlog_timing.run(label=label, rows=int(rows), requests=int(requests), results=Path(results))
