"""Running one benchmark suite's measurements on each database, each in its own subprocess with clean
settings: SQLite in a temporary data directory, PostgreSQL from ``scripts/pg-throwaway.sh`` in a temporary
directory of its own (skipped with a note when no server can be started).

The subprocess is ``python -m MODULE LABEL ARG… RESULTS``: the module sets Django up, measures and writes its
figures as JSON to RESULTS, which ``run_worker`` reads back. ``TAIZHANG_BENCH_DBS`` picks the databases.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_SCRIPT = ROOT / "scripts" / "pg-throwaway.sh"
DATABASES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}


def chosen() -> list[str]:
    """The databases named by TAIZHANG_BENCH_DBS (default both), unknown names reported and left out."""
    names = [d.strip() for d in (os.environ.get("TAIZHANG_BENCH_DBS") or "sqlite,postgres").split(",")]
    for name in names:
        if name not in DATABASES:
            print(f"  unknown database {name!r} in TAIZHANG_BENCH_DBS (choose from {', '.join(DATABASES)})")
    return [name for name in names if name in DATABASES]


def run_worker(module: str, db: str, args: Sequence[str], tmp: Path) -> dict | None:
    """Run ``module``'s measurements on ``db`` (a key of DATABASES); its JSON result, or None on failure."""
    env = _env(tmp / f"{module}-{db}")
    if db == "postgres":
        return _on_postgres(module, env, args, tmp)
    return _worker(module, DATABASES[db], env, args, tmp)


def _env(data_dir: Path) -> dict[str, str]:
    (data_dir / "static").mkdir(parents=True)  # STATIC_ROOT, which WhiteNoise warns about when missing
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # each run names its own database
    env.update(
        DJANGO_SETTINGS_MODULE="taizhang.settings",
        TAIZHANG_DATA_DIR=str(data_dir),
        TAIZHANG_DEBUG="0",
        TAIZHANG_ALLOWED_HOSTS="testserver,localhost",
        TAIZHANG_SECRET_KEY="benchmark-only-not-a-secret",
        TAIZHANG_LOG_LEVEL="ERROR",  # 4xx answers are reported by the benchmark itself
        # The benchmarks sign people in without a second factor, as `make demo` does: the office admin's
        # pages would otherwise answer with the enrolment page (a redirect), not the page being measured.
        TAIZHANG_2FA_REQUIRED_ROLES="",
    )
    return env


def _worker(module: str, label: str, env: dict[str, str], args: Sequence[str], tmp: Path) -> dict | None:
    results = tmp / f"{module}-{label}.json"
    command = [sys.executable, "-m", module, label, *args, str(results)]
    done = subprocess.run(command, env=env, cwd=ROOT, check=False)
    if done.returncode != 0 or not results.exists():
        print(f"  {label}: the benchmark process failed (exit {done.returncode}); see above")
        return None
    return json.loads(results.read_text())


def _on_postgres(module: str, env: dict[str, str], args: Sequence[str], tmp: Path) -> dict | None:
    if not shutil.which("bash") or not PG_SCRIPT.exists():
        print("  PostgreSQL: skipped (scripts/pg-throwaway.sh not available)")
        return None
    # Its own directory directly under the system temp dir: as root, the script hands it to the postgres
    # user, who must be able to reach it; and it deletes it on stop.
    pg_env = {**os.environ, "TAIZHANG_PG_DIR": tempfile.mkdtemp(prefix="taizhang-bench-pg-")}
    start = subprocess.run([str(PG_SCRIPT), "start"], env=pg_env, capture_output=True, text=True, check=False)
    if start.returncode != 0 or not start.stdout.strip():
        why = (start.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"  PostgreSQL: skipped, no throw-away server could be started ({why})")
        subprocess.run([str(PG_SCRIPT), "stop"], env=pg_env, capture_output=True, check=False)
        return None
    try:
        return _worker(module, "PostgreSQL", {**env, "DATABASE_URL": start.stdout.strip()}, args, tmp)
    finally:
        subprocess.run([str(PG_SCRIPT), "stop"], env=pg_env, capture_output=True, check=False)
