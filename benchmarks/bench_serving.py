"""The serving stack under load: ``taizhang serve`` (gunicorn) beside ``runserver`` as the floor to beat,
on SQLite and on PostgreSQL, at 1, 10 and 50 concurrent clients.

Targets (issue 12, item 9): at 50 clients the mix serves ≥ 60 req/s with p95 < 1 s; a worker's memory after
the load < 150 MB. (The plan ledger's own p95 < 100 ms is timed request by request in ``bench_ledger``.)

Each database runs in its own subprocess (``benchmarks.databases``), which migrates, generates a small
province (``benchmarks.province``: one plan's pages cost the same at any scale, so the ledger is a
province's), gives a few of its people a password, then starts each server on a free loopback port and
drives it. The people sign in through the login form; each client keeps one HTTP/1.1 connection open
(``http.client``) and goes round the mix, one page after the other, for a fixed time per level:

- the plan ledger (方案台账) of the 160-task plan, as the province's office admin;
- the plan's dashboard, as the province's leader;
- the busiest unit's work list (我的任务), as its liaison;
- a line's reports (the periods list) and last month's report, as that liaison;
- a report submission: this month's report on a line not yet reported, POSTed with the form's CSRF token
  and ``action=submit`` (answered 302), by the liaison of one of the busiest units — each line once.

Figures: requests/s, p50/p95/p99 per page and overall, the CPU time of the server's processes per request
(steadier than wall-clock times on a machine shared with other work), and each worker's resident memory
(RSS, and PSS where the kernel gives it: preloaded pages are shared between workers) after the load.

Knobs: ``TAIZHANG_BENCH_SECONDS`` per level (6), ``TAIZHANG_BENCH_CLIENTS`` (``1,10,50``),
``TAIZHANG_BENCH_SERVERS`` (``serve,runserver``; ``serve:3x4`` gives workers × threads, ``serve:5x1`` five
sync workers),
``TAIZHANG_BENCH_DBS`` (``sqlite,postgres``).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import databases

SCALE = 0.05  # 8 plans: the timed plan has 160 tasks at any scale
TARGET_RPS = 60.0
TARGET_P95_MS = 1000.0
TARGET_RSS_MB = 150.0


def main() -> None:
    seconds = float(os.environ.get("TAIZHANG_BENCH_SECONDS") or 6)
    clients = os.environ.get("TAIZHANG_BENCH_CLIENTS") or "1,10,50"
    servers = os.environ.get("TAIZHANG_BENCH_SERVERS") or "serve,runserver"
    print(f"serving: clients {clients}, {seconds:g} s per level, servers {servers}; load {_load()}")
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="taizhang-bench-") as tmp:
        for db in databases.chosen():
            args = (str(seconds), clients, servers)
            result = databases.run_worker("benchmarks.bench_serving", db, args, Path(tmp))
            if result:
                results.append(result)
    _summary(results)
    print(f"serving: done in {time.perf_counter() - started:.0f} s")


def _load() -> str:
    return "{:.1f} {:.1f} {:.1f}".format(*os.getloadavg())


def _summary(results: list[dict]) -> None:
    if not results:
        print("serving: no database could be benchmarked")
        return
    print(
        f"\nserving summary (targets at 50 clients: ≥ {TARGET_RPS:.0f} req/s, p95 < {TARGET_P95_MS:.0f} ms; "
        f"worker RSS < {TARGET_RSS_MB:.0f} MB)"
    )
    print(
        f"  {'database':<11}{'server':<22}{'clients':>7}{'req/s':>8}{'p50':>8}{'p95':>8}{'p99':>8}"
        f"{'CPU ms/req':>11}{'errors':>7}   load"
    )
    for result in results:
        for run in result["runs"]:
            if run.get("failed"):
                print(f"  {result['label']:<11}{run['server']:<22} {run['failed']}")
                continue
            for level in run["levels"]:
                o = level["overall"]
                print(
                    f"  {result['label']:<11}{run['server']:<22}{level['clients']:>7}{level['rps']:>8.1f}"
                    f"{o['p50']:>8.0f}{o['p95']:>8.0f}{o['p99']:>8.0f}{level['cpu_ms']:>11.1f}"
                    f"{level['errors']:>7}   {level['load']:.1f}"
                )
            top = max(run["levels"], key=lambda lv: lv["clients"])
            if top["clients"] >= 50:
                rss = run["memory"]
                print(
                    f"  {'':<33}at {top['clients']}: {top['rps'] / TARGET_RPS:.2f}× the req/s target, p95 "
                    f"{top['overall']['p95'] / TARGET_P95_MS:.2f}× its limit; worker RSS max "
                    f"{rss['rss_max_mb']:.0f} MB ({rss['rss_max_mb'] / TARGET_RSS_MB:.2f}× the limit), "
                    f"PSS max {rss['pss_max_mb']:.0f} MB"
                )


if __name__ == "__main__":
    # The subprocess for one database: its environment names the database; Django is set up before the app
    # is imported.
    import django

    django.setup()
    from benchmarks import serving_load

    label, seconds, clients, servers, results = sys.argv[1:6]
    serving_load.run(
        label=label,
        seconds=float(seconds),
        clients=[int(c) for c in clients.split(",") if c.strip()],
        servers=[s.strip() for s in servers.split(",") if s.strip()],
        results=Path(results),
    )
