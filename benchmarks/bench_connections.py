"""PostgreSQL connections per request (docs/scaling.md, "Connections"): ``/healthz`` (one ``SELECT 1``)
through Django's WSGI handler, as a server calls it, by 1 and by 8 threads, with a new connection per request
(``CONN_MAX_AGE=0``), the default persistent connections (600 s) and a pool of 4 (``TAIZHANG_DB_POOL_MAX``).
What it shows: a connection costs its set-up on every request unless it is kept; kept or pooled cost the
same per request; a pool of 4 lets 8 threads have only 4 connections (the others wait)."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import databases

MODES = {
    "new each request": {"CONN_MAX_AGE": "0"},
    "persistent": {},
    "pool of 4": {"TAIZHANG_DB_POOL_MAX": "4"},
}
REQUESTS = 600


def main() -> None:
    print(f"connections: {REQUESTS} requests of /healthz on PostgreSQL; req/s and median ms")
    with tempfile.TemporaryDirectory(prefix="taizhang-bench-") as tmp:
        result = databases.run_worker("benchmarks.bench_connections", "postgres", (), Path(tmp))
    for mode, figures in (result or {}).get("modes", {}).items():
        row = ", ".join(f"{t} thread(s) {rps:,.0f} req/s ({ms:.1f} ms)" for t, rps, ms in figures)
        print(f"  {mode:>16}: {row}")


def _measure() -> list[tuple[int, float, float]]:
    """In a process of its own, set up for one mode."""
    import django

    django.setup()
    from concurrent.futures import ThreadPoolExecutor
    from wsgiref.util import setup_testing_defaults

    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connections

    if os.environ.get("BENCH_NEW_CONNECTION"):
        connections.settings["default"]["CONN_MAX_AGE"] = 0
    handler = WSGIHandler()

    def one(_) -> float:
        environ = {"PATH_INFO": "/healthz", "HTTP_HOST": "testserver", "REQUEST_METHOD": "GET"}
        setup_testing_defaults(environ)
        started = time.perf_counter()
        answer = handler(environ, lambda status, headers: None)
        b"".join(answer)
        answer.close()  # request_finished: the connection is closed, kept or given back to the pool
        return time.perf_counter() - started

    figures = []
    for threads in (1, 8):
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(one, range(40)))  # warm up
            started = time.perf_counter()
            times = list(pool.map(one, range(REQUESTS)))
            wall = time.perf_counter() - started
        figures.append((threads, REQUESTS / wall, statistics.median(times) * 1000))
    return figures


if __name__ == "__main__":
    if sys.argv[1] == "--measure":
        print(json.dumps(_measure()))
    else:  # the worker: each mode in a process of its own, as its settings are read at start
        label, results = sys.argv[1], Path(sys.argv[-1])
        modes = {}
        for mode, env in MODES.items():
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.bench_connections", "--measure"],
                env={**os.environ, **env},
                capture_output=True,
                text=True,
                check=True,
            )
            modes[mode] = json.loads(done.stdout.strip().splitlines()[-1])
        results.write_text(json.dumps({"label": label, "modes": modes}))
