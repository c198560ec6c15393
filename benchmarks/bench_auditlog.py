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
    _summary(results)
    print(f"auditlog: done in {time.perf_counter() - started:.0f} s")


def _summary(results: list[dict]) -> None:
    """Both databases side by side: median / p95 (median CPU of the Django process) and the p95's ratio to
    the database's floor; with two databases, the ratio of their p95s (the last to the first)."""
    if not results:
        print("auditlog: no database could be benchmarked")
        return
    labels = [r["label"] for r in results]
    print(f"\nauditlog summary, {results[0]['rows']:,} entries; ms: median / p95 (cpu median), × floor p95")
    for r in results:
        print(
            f"  {r['label']}: generated and indexed in {r['generated_s']:.0f} s, database "
            f"{r['size_mb']:,.0f} MB; floor (bare SELECT of 51 rows by (at, id)) "
            f"{r['floor_p95_ms']:.2f} ms p95"
        )
    between = f"   {labels[-1]} / {labels[0]} p95" if len(results) > 1 else ""
    print(f"  {'case':<32}" + "".join(f"{label:>34}" for label in labels) + f"   target p95{between}")
    for i, figure in enumerate(results[0]["figures"]):
        row = [r["figures"][i] for r in results]
        cells = "".join(f"{_cell(f):>34}" for f in row)
        verdict = "ok" if all(f["p95_ms"] < TARGET_MS for f in row) else "OVER"
        ratio = f"   ×{row[-1]['p95_ms'] / row[0]['p95_ms']:.2f}" if len(row) > 1 and row[0]["p95_ms"] else ""
        queries = "/".join(str(f["queries"]) for f in row)
        print(f"  {figure['name']:<32}{cells}   < {TARGET_MS:.0f} {verdict:<4}{ratio}   {queries} queries")
    loads = [x for r in results for f in r["figures"] for x in f["load"]]
    busy = max(loads) > (os.cpu_count() or 1)
    note = ": other work was competing, so the wall-clock times are inflated; the cpu figures less so"
    print(
        f"  load average while timing: {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} CPUs"
        + (note if busy else "")
    )


def _cell(f: dict) -> str:
    return f"{f['median_ms']:.1f} / {f['p95_ms']:.1f} ({f['cpu_median_ms']:.0f}) ×{f['ratio']:.0f}"


if __name__ == "__main__":
    import django

    django.setup()
    from benchmarks import auditlog_timing

    label, rows, requests, results = sys.argv[1:5]
    auditlog_timing.run(label=label, rows=int(rows), requests=int(requests), results=Path(results))
