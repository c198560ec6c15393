"""Concurrent writers on SQLite: how many writes fail with "database is locked" (a 503 "busy, retry" since
lib.edges; a 500 before) with 8, 16, 32 and 64 writers at once, in each transaction mode and busy timeout.

Each writer is a thread with its own connection set up as settings.py does (WAL, synchronous=NORMAL,
busy_timeout) and runs WRITES transactions of the shape a service has: read a row, insert one (the audit
entry), update one, with HOLD_MS of work in between (Python holding the lock, as a service's checks and
the audit chain's hash do). ``DEFERRED`` is sqlite3's default (and Django's before 5.1): a transaction that
reads first and then writes cannot wait for the lock, it fails at once when another wrote meanwhile;
``IMMEDIATE`` (settings.py) takes the write lock at BEGIN and queues on the busy timeout."""

from __future__ import annotations

import sqlite3
import tempfile
import threading
import time
from pathlib import Path

WRITES = 20
HOLD_MS = 2
WRITERS = (8, 16, 32, 64)
CASES = (("DEFERRED", 5000), ("IMMEDIATE", 5000), ("IMMEDIATE", 1000))


def _connect(path: Path, busy_ms: int) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute(f"PRAGMA busy_timeout={busy_ms}")
    return db


def _writer(path: Path, mode: str, busy_ms: int, start: threading.Event, out: list) -> None:
    db = _connect(path, busy_ms)
    start.wait()
    for _ in range(WRITES):
        began = time.perf_counter()
        try:
            db.execute(f"BEGIN {mode}")
            (total,) = db.execute("SELECT total FROM counter WHERE id = 1").fetchone()
            time.sleep(HOLD_MS / 1000)
            db.execute("INSERT INTO entry (value) VALUES (?)", (total,))
            db.execute("UPDATE counter SET total = total + 1 WHERE id = 1")
            db.execute("COMMIT")
            out.append(("ok", time.perf_counter() - began))
        except sqlite3.OperationalError as exc:
            if db.in_transaction:
                db.execute("ROLLBACK")
            out.append((str(exc), time.perf_counter() - began))
    db.close()


def measure(writers: int, mode: str, busy_ms: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="taizhang-bench-") as tmp:
        path = Path(tmp) / "writers.sqlite3"
        db = _connect(path, busy_ms)
        db.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, total INTEGER)")
        db.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, value INTEGER)")
        db.execute("INSERT INTO counter VALUES (1, 0)")
        start, results = threading.Event(), []
        work = (path, mode, busy_ms, start, results)
        threads = [threading.Thread(target=_writer, args=work) for _ in range(writers)]
        for thread in threads:
            thread.start()
        began = time.perf_counter()
        start.set()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - began
        db.close()
    ok = sorted(t for what, t in results if what == "ok")
    return {
        "writers": writers,
        "mode": mode,
        "busy_ms": busy_ms,
        "tries": len(results),
        "locked": sum(1 for what, _ in results if "locked" in what),
        "per_s": len(ok) / elapsed,
        "p95_ms": 1000 * ok[int(len(ok) * 0.95) - 1] if ok else 0.0,
        "max_ms": 1000 * ok[-1] if ok else 0.0,
    }


def main() -> None:
    print(f"sqlite writers: {WRITES} transactions each (read, {HOLD_MS} ms of work, insert, update)")
    for mode, busy_ms in CASES:
        for writers in WRITERS:
            r = measure(writers, mode, busy_ms)
            print(
                f"  {mode:9} busy {busy_ms:>4} ms, {writers:>2} writers: {r['locked']:>4} of {r['tries']} "
                f"locked; {r['per_s']:.0f} commits/s, p95 {r['p95_ms']:.0f} ms, max {r['max_ms']:.0f} ms"
            )


if __name__ == "__main__":
    main()
