"""The live ledger (台账) under a province's load, on SQLite and on PostgreSQL.

Targets (issue "the live responsibility ledger"): pages p95 under 150 ms (the plan ledger 100 ms, issue 12
item 9), the .xlsx export of one plan under 1 s, and a query count per page that does not grow with the
number of tasks (no N+1).

Each database runs in its own subprocess with clean settings (``python -m benchmarks.bench_ledger LABEL …``,
the environment naming the database): SQLite in a temporary data directory, PostgreSQL from
``scripts/pg-throwaway.sh`` in a temporary directory of its own, skipped with a note when no server is
installed. The subprocess migrates, generates the province (``benchmarks.province``) and times the requests
(``benchmarks.ledger_timing``); this process prints both databases side by side.

Knobs: ``TAIZHANG_BENCH_SCALE`` (or ``python -m benchmarks --scale``) shrinks the number of plans for a
quick run (1 = 150 plans; one plan's pages cost the same at any scale); ``TAIZHANG_BENCH_REQUESTS`` is the
number of timed requests per case (30); ``TAIZHANG_BENCH_DBS`` picks databases (``sqlite,postgres``).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import databases


def main() -> None:
    scale = float(os.environ.get("TAIZHANG_BENCH_SCALE") or 1)
    requests = int(os.environ.get("TAIZHANG_BENCH_REQUESTS") or 30)
    print(f"ledger: a province at scale {scale:g} ({max(2, round(150 * scale))} plans), {requests} timed "
          "requests per case after 2 warm-ups; figures in ms")  # fmt: skip
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="taizhang-bench-") as tmp:
        for db in databases.chosen():
            args = (str(scale), str(requests))
            result = databases.run_worker("benchmarks.bench_ledger", db, args, Path(tmp))
            if result:
                results.append(result)
    _summary(results)
    print(f"ledger: done in {time.perf_counter() - started:.0f} s")


def _summary(results: list[dict]) -> None:
    if not results:
        print("ledger: no database could be benchmarked")
        return
    labels = [r["label"] for r in results]
    print("\nledger summary, ms: median / p95 (median CPU time of the Django process)")
    head = f"  {'request':<22}" + "".join(f"{label:>28}" for label in labels)
    print(f"{head}   target p95   queries per request (small case → large case)")
    for i, figure in enumerate(results[0]["figures"]):
        row = [r["figures"][i] for r in results]
        if any(f["state"] != "ok" for f in row):
            notes = "; ".join(
                f"{r['label']}: {f['note']}" for r, f in zip(results, row, strict=True) if f["note"]
            )
            print(f"  {figure['name']:<22} {notes}")
            continue
        cells = "".join(f"{_cell(f):>28}" for f in row)
        verdict = "ok" if all(f["p95_ms"] <= f["target_ms"] for f in row) else "OVER"
        target = f"< {figure['target_ms']:.0f} {verdict}"
        counts = [f["queries"] for f in row]
        if all(c == counts[0] for c in counts):  # the same on every database: say it once
            queries = _queries("", row[0])
        else:
            queries = "; ".join(_queries(f"{r['label']}: ", f) for r, f in zip(results, row, strict=True))
        print(f"  {figure['name']:<22}{cells}   {target:<11}  {queries}")
    loads = [x for r in results for f in r["figures"] if f["state"] == "ok" for x in f["load"]]
    if loads:
        busy = max(loads) > (os.cpu_count() or 1)
        print(
            f"  load average while timing: {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} CPUs"
            + (": other work was competing, so the wall-clock times are inflated" if busy else "")
        )


def _cell(figure: dict) -> str:
    return f"{figure['median_ms']:.1f} / {figure['p95_ms']:.1f} ({figure['cpu_median_ms']:.0f})"


def _queries(prefix: str, figure: dict) -> str:
    counts = figure["queries"]
    values = list(counts.values())
    flat = "" if len(values) < 2 else (", flat" if len(set(values)) == 1 else ", GROWS")
    return prefix + " → ".join(f"{n} ({case})" for case, n in counts.items()) + flat


if __name__ == "__main__":
    # The subprocess for one database: its environment names the database; Django is set up before the app
    # is imported.
    import django

    django.setup()
    from benchmarks import ledger_timing

    label, scale, requests, results = sys.argv[1:5]
    ledger_timing.run(label=label, scale=float(scale), requests=int(requests), results=Path(results))
