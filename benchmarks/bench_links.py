"""上下贯通 (suite ``links``): suggesting task links between two 150-task plans
(``plans.cascade.similarity``), as the import preview does on every render and ``import_plan
--accept-links`` once.

Target (issue 15): 150 × 150 tasks, bigrams and suggestions together, well under 0.25 s on one core, so the
preview stays interactive.
"""

from __future__ import annotations

import time
from pathlib import Path

from taizhang.docparse import parse
from taizhang.plans.cascade.similarity import bigrams, suggest

HERE = Path(__file__).resolve().parent.parent / "taizhang" / "demo"
TARGET_S = 0.25


def _texts(n: int) -> tuple[list[str], list[str]]:
    """``n`` lower and ``n`` upper task texts: the district seed's and the city's tasks, the upper ones with
    市 for 区 and a varied tail so that no two are the same."""
    district = [t.text for t in parse(HERE / "plan_004_district_2020_2024.txt").tasks]
    city = [t.text for t in parse(HERE / "plan_city_2020_2024.txt").tasks]
    lower = [f"{district[i % len(district)]}（第{i}项）" for i in range(n)]
    pool = city + [t.replace("区", "市") for t in district]
    upper = [f"{pool[i % len(pool)]}（{i}）" for i in range(n)]
    return lower, upper


def _run(lower: list[str], upper: list[str]) -> int:
    found = suggest([bigrams(t) for t in lower], [bigrams(t) for t in upper])
    return sum(1 for row in found if row)


def main(n: int = 150) -> None:
    lower, upper = _texts(n)
    best, linked = float("inf"), 0
    for _ in range(5):
        start = time.perf_counter()
        linked = _run(lower, upper)
        best = min(best, time.perf_counter() - start)
    verdict = "ok" if best < TARGET_S else "SLOW"
    print(f"cascade: {n} × {n} tasks, {linked} with a suggestion, best of 5 {best * 1000:.1f} ms ({verdict})")
