"""The yearly assessment (考核) of a province's 150 units, and the warning (预警) refresh, on a province-sized
dataset (``benchmarks.province`` plus a year of 督办, 检查 and 整改 from ``benchmarks.province_supervision``),
on SQLite and on PostgreSQL.

Target (issue "assessment, warning and accountability"): computing, publishing and exporting the assessment
of 150 units under 10 s. Timed through the services, as the pages call them: compute (every automatic
indicator for every unit), review, publish (ranking, grades and the frozen snapshot), the score sheet .xlsx
and the ranking circular .docx. The assessors' scores of the manual indicators are given through the
service too, one call per score as the page saves them, and timed apart (people type them over days).

Knobs as for the ledger suite: ``TAIZHANG_BENCH_SCALE`` (or ``--scale``), ``TAIZHANG_BENCH_DBS``. The
assessment reads the province's own plans and units, so its cost does not shrink with the scale; the scale
shrinks the tables around them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import databases

TARGET_S = 10.0


def main() -> None:
    scale = float(os.environ.get("TAIZHANG_BENCH_SCALE") or 1)
    print(f"assessment: a province at scale {scale:g}, its 150 provincial units assessed; figures in s")
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="taizhang-bench-") as tmp:
        for db in databases.chosen():
            result = databases.run_worker("benchmarks.bench_assessment", db, (str(scale),), Path(tmp))
            if result:
                results.append(result)
    _summary(results)
    print(f"assessment: done in {time.perf_counter() - started:.0f} s")


def _summary(results: list[dict]) -> None:
    if not results:
        print("assessment: no database could be benchmarked")
        return
    labels = [r["label"] for r in results]
    print("\nassessment summary, seconds (queries)")
    print(f"  {'step':<34}" + "".join(f"{label:>18}" for label in labels))
    for i, (name, _, _) in enumerate(results[0]["steps"]):
        cells = "".join(f"{r['steps'][i][1]:>11.2f} ({r['steps'][i][2]:>4})" for r in results)
        print(f"  {name:<34}{cells}")
    for r in results:
        verdict = "ok" if r["target_total"] <= TARGET_S else "OVER"
        print(
            f"  {r['label']}: compute + review + publish + exports {r['target_total']:.2f} s "
            f"(target < {TARGET_S:.0f} s: {verdict}); {r['units']} units, {r['lines']:,} of their lines"
        )


if __name__ == "__main__":
    import django

    django.setup()
    from benchmarks import assessment_timing

    label, scale, results = sys.argv[1:4]
    assessment_timing.run(label=label, scale=float(scale), results=Path(results))
